package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDomainPackagesHaveNoUI enforces the layout rule of the design: the
// domain packages (deck, review, simulator, notes and their subpackages)
// import nothing of Bubble Tea, Lip Gloss, Bubbles or Glamour, and notes and
// simulator import nothing else of the module.
func TestDomainPackagesHaveNoUI(t *testing.T) {
	const module = "github.com/recall-srs/recall"
	for _, dir := range []string{"deck", "review", "simulator", "notes"} {
		root := filepath.Join("..", "..", dir)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(p, "charm.land/") || strings.Contains(p, "charmbracelet/bubble") ||
					strings.Contains(p, "charmbracelet/lipgloss") || strings.Contains(p, "charmbracelet/glamour") {
					t.Errorf("%s imports the UI package %s", path, p)
				}
				if (dir == "notes" || dir == "simulator") && strings.HasPrefix(p, module+"/") {
					t.Errorf("%s imports %s; %s must not depend on the rest of recall", path, p, dir)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
