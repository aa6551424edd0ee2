package deck

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"
)

// Vault is the result of scanning a vault.
type Vault struct {
	// Notes are the Markdown notes read, in path order, including those
	// without cards.
	Notes []*Note
	// Warnings are problems with the vault as a whole (settings, links,
	// unreadable files). Each note's own warnings are in Note.Warnings.
	Warnings []Warning
	// TempFiles are temporary files left by recall's writer (a write that
	// was killed); see RemoveStaleTemps.
	TempFiles []string
}

// AllWarnings returns the vault's warnings followed by every note's, in
// path order.
func (v *Vault) AllWarnings() []Warning {
	out := append([]Warning(nil), v.Warnings...)
	for _, n := range v.Notes {
		out = append(out, n.Warnings...)
	}
	return out
}

// ScanOptions tune a vault scan.
type ScanOptions struct {
	// Progress, when set, is called after each note is read with the
	// number of notes done and the total. It is called from one goroutine
	// at a time.
	Progress func(done, total int)
	// Workers is the number of notes parsed at once; 0 means one per CPU.
	Workers int
}

// ScanVault reads every Markdown note of the vault in fsys with the
// parser's settings. It skips folders whose names start with '.' (such as
// .obsidian and .trash), files matching the settings' noteFoldersToIgnore
// globs, and symbolic links to folders; a symbolic link to a file is read
// only if it stays inside fsys (use an os.Root's FS for a real vault). A note
// that cannot be read is a warning; the error is for a vault that cannot be
// listed at all.
func ScanVault(fsys fs.FS, p *Parser, opts ScanOptions) (*Vault, error) {
	v := &Vault{}
	for _, problem := range p.settings.Problems() {
		v.Warnings = append(v.Warnings, Warning{Path: PluginSettingsPath, Msg: problem})
	}
	paths, brokenLinks, err := p.listNotes(fsys, v)
	if err != nil {
		return nil, err
	}
	if len(brokenLinks) > 0 {
		v.Warnings = append(v.Warnings, Warning{Path: brokenLinks[0], Msg: fmt.Sprintf(
			"%d symbolic link(s) are broken or point outside the vault and were skipped (this is the first)", len(brokenLinks))})
	}
	v.Notes = make([]*Note, len(paths))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v.Notes[i] = p.readNote(fsys, paths[i])
				done <- i
			}
		}()
	}
	go func() {
		for i := range paths {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	count := 0
	for range done {
		count++
		if opts.Progress != nil {
			opts.Progress(count, len(paths))
		}
	}
	return v, nil
}

// readNote reads and parses one note; a read error becomes a warning.
func (p *Parser) readNote(fsys fs.FS, name string) *Note {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		n := &Note{Path: name}
		n.Warnings = append(n.Warnings, Warning{Path: name, Msg: "cannot read the note: " + plainPathError(err).Error()})
		return n
	}
	return p.ParseNote(name, src)
}

// listNotes walks fsys and returns the Markdown notes to read, sorted, and
// the symbolic links that were skipped because they lead nowhere or out of
// the vault.
func (p *Parser) listNotes(fsys fs.FS, v *Vault) (paths, broken []string, err error) {
	ignore := p.settings.NoteFoldersToIgnore
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			v.Warnings = append(v.Warnings, Warning{Path: name, Msg: "cannot read: " + plainPathError(err).Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		base := path.Base(name)
		if d.IsDir() {
			if name != "." && strings.HasPrefix(base, ".") {
				return fs.SkipDir
			}
			if name != "." && ignored(name+"/", ignore) {
				return fs.SkipDir
			}
			return nil
		}
		if IsTempFile(base) {
			v.TempFiles = append(v.TempFiles, name)
			return nil
		}
		if !strings.EqualFold(path.Ext(name), ".md") || ignored(name, ignore) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, name)
			if err != nil {
				broken = append(broken, name)
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		paths = append(paths, name)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("cannot list the vault: %w", err)
	}
	sort.Strings(paths)
	return paths, broken, nil
}

// ignored reports whether a vault path matches one of the globs of
// noteFoldersToIgnore. A folder pattern ("Templates" or "Templates/")
// ignores everything below it.
func ignored(name string, globs []string) bool {
	for _, g := range globs {
		g = strings.TrimPrefix(g, "/")
		if ok, _ := doublestar.Match(g, strings.TrimSuffix(name, "/")); ok {
			return true
		}
		if dir := strings.TrimSuffix(g, "/"); dir != "" && !strings.ContainsAny(dir, "*?[{") && strings.HasPrefix(name, dir+"/") {
			return true
		}
	}
	return false
}
