package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
	"github.com/recall-srs/recall/review/study"
)

// studyFlags are the flags of commands that use recall's database.
type studyFlags struct {
	vaultFlags
	DB        string `help:"Database file (default: $RECALL_DB, else $XDG_DATA_HOME/recall/recall.db)." type:"path" placeholder:"PATH"`
	NoWrite   bool   `help:"Keep schedules in the database only; never write notes."`
	Algorithm string `help:"Scheduler: sm2 or fsrs (default: the vault's plugin setting)." enum:",sm2,fsrs" default:""`
}

// builtinKey names the built-in deck in the database.
const builtinKey = "builtin:oauth"

// dbPath returns the database file to use.
func (f *studyFlags) dbPath(e *env) string {
	if f.DB != "" {
		return f.DB
	}
	if p := e.getenv("RECALL_DB"); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "recall", "recall.db")
}

// openedStudy is an open database and vault.
type openedStudy struct {
	*study.Study
	vault *openedVault
	db    *store.Store
	opts  study.Options
}

// close releases the database and the vault.
func (o *openedStudy) close() {
	o.db.Close()
	o.vault.close()
}

// openStudy opens the database and the vault, and brings the index up to
// date.
func (f *studyFlags) openStudy(e *env) (*openedStudy, error) {
	now, err := e.nowFunc()
	if err != nil {
		return nil, usageError{err.Error()}
	}
	v, err := f.open()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(f.dbPath(e))
	if err != nil {
		v.close()
		return nil, err
	}
	params, err := db.FSRSParameters()
	if err != nil {
		db.Close()
		v.close()
		return nil, err
	}
	opts := study.Options{FS: v.fsys, Settings: v.settings, Algorithm: review.Algorithm(f.Algorithm), FSRSParameters: params,
		Now: now, Wall: time.Now, Clock: review.Clock{Location: time.Local}}
	if v.builtin {
		opts.Key = builtinKey
	} else {
		abs, err := filepath.Abs(f.Vault)
		if err == nil {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				abs = real
			}
		}
		opts.Key = abs
		if !f.NoWrite {
			opts.Root = v.root
		}
	}
	s, err := study.Open(db, opts)
	if err != nil {
		db.Close()
		v.close()
		return nil, fmt.Errorf("cannot open %s: %w", v.name, err)
	}
	for _, r := range s.Removed {
		fmt.Fprintf(e.stderr, "recall: removed %s, left behind by an interrupted write\n", r)
	}
	return &openedStudy{Study: s, vault: v, db: db, opts: opts}, nil
}

// reopen opens the study again with the same database and vault, after
// notes changed (an edit in $EDITOR).
func (o *openedStudy) reopen() (*study.Study, error) {
	return study.Open(o.db, o.opts)
}
