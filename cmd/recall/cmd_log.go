package main

import "github.com/recall-srs/recall/review/store"

// logCmd works with the review log.
type logCmd struct {
	Export logExportCmd `cmd:"" help:"Write the review log for FSRS optimizers."`
}

// logExportCmd exports the review log.
type logExportCmd struct {
	DB     string `help:"Database file (default: $RECALL_DB, else $XDG_DATA_HOME/recall/recall.db)." type:"path" placeholder:"PATH"`
	Format string `help:"Output format." enum:"csv" default:"csv"`
}

// Run writes every review as CSV (card_id,review_time,review_rating,
// review_state,review_duration).
func (c *logExportCmd) Run(e *env) error {
	f := studyFlags{DB: c.DB}
	db, err := store.Open(f.dbPath(e))
	if err != nil {
		return err
	}
	defer db.Close()
	return db.ExportCSV(e.stdout)
}
