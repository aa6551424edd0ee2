package deck

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

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
// parser's settings: List, then ReadNotes. A note that cannot be read is a
// warning; the error is for a vault that cannot be listed at all.
func ScanVault(fsys fs.FS, p *Parser, opts ScanOptions) (*Vault, error) {
	l, err := p.List(fsys)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(l.Files))
	for i, f := range l.Files {
		paths[i] = f.Path
	}
	return &Vault{Notes: p.ReadNotes(fsys, paths, opts), Warnings: l.Warnings, TempFiles: l.TempFiles}, nil
}

// NoteFile is a note found in a vault, with what tells whether it changed.
type NoteFile struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// Listing is the list of a vault's notes.
type Listing struct {
	// Files are the notes, in path order.
	Files []NoteFile
	// Warnings are problems with the settings and the folder.
	Warnings []Warning
	// TempFiles are temporary files left by recall's writer.
	TempFiles []string
}

// List finds the Markdown notes of the vault in fsys. It skips folders
// whose names start with '.' (such as .obsidian and .trash), files matching
// the settings' noteFoldersToIgnore globs, and symbolic links to folders; a
// symbolic link to a file is listed only if it stays inside fsys (use an
// os.Root's FS for a real vault).
func (p *Parser) List(fsys fs.FS) (*Listing, error) {
	l := &Listing{}
	for _, problem := range p.settings.Problems() {
		l.Warnings = append(l.Warnings, Warning{Path: PluginSettingsPath, Msg: problem})
	}
	broken, err := p.listNotes(fsys, l)
	if err != nil {
		return nil, err
	}
	if len(broken) > 0 {
		l.Warnings = append(l.Warnings, Warning{Path: broken[0], Msg: fmt.Sprintf(
			"%d symbolic link(s) are broken or point outside the vault and were skipped (this is the first)", len(broken))})
	}
	return l, nil
}

// ReadNotes reads and parses the notes at paths, several at once, and
// returns them in the same order.
func (p *Parser) ReadNotes(fsys fs.FS, paths []string, opts ScanOptions) []*Note {
	notes := make([]*Note, len(paths))
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
				notes[i] = p.readNote(fsys, paths[i])
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
	return notes
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

// listNotes walks fsys and fills l with the Markdown notes to read, sorted,
// and the temporary files found. It returns the symbolic links that were
// skipped because they lead nowhere or out of the vault.
func (p *Parser) listNotes(fsys fs.FS, l *Listing) (broken []string, err error) {
	ignore := p.settings.NoteFoldersToIgnore
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			l.Warnings = append(l.Warnings, Warning{Path: name, Msg: "cannot read: " + plainPathError(err).Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		base := path.Base(name)
		if d.IsDir() {
			if name != "." && (strings.HasPrefix(base, ".") || ignored(name+"/", ignore)) {
				return fs.SkipDir
			}
			return nil
		}
		if IsTempFile(base) {
			l.TempFiles = append(l.TempFiles, name)
			return nil
		}
		if !strings.EqualFold(path.Ext(name), ".md") || ignored(name, ignore) {
			return nil
		}
		var info fs.FileInfo
		if d.Type()&fs.ModeSymlink != 0 {
			info, err = fs.Stat(fsys, name)
			if err != nil {
				broken = append(broken, name)
				return nil
			}
		} else if info, err = d.Info(); err != nil {
			l.Warnings = append(l.Warnings, Warning{Path: name, Msg: "cannot read: " + plainPathError(err).Error()})
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		l.Files = append(l.Files, NoteFile{Path: name, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot list the vault: %w", err)
	}
	sort.Slice(l.Files, func(i, j int) bool { return l.Files[i].Path < l.Files[j].Path })
	return broken, nil
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
