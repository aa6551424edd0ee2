package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
	"github.com/recall-srs/recall/review/study"
)

// benchVault returns a vault for the benchmarks: RECALL_BENCH_VAULT, or
// one of 10,000 notes and about 100,000 cards made with the shared
// generator.
func benchVault(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("RECALL_BENCH_VAULT"); dir != "" {
		return dir
	}
	gen := "../../../../../shared/tools/genvault.py"
	python, err := exec.LookPath("python3")
	if _, statErr := os.Stat(gen); err != nil || statErr != nil {
		b.Skip("set RECALL_BENCH_VAULT, or install python3 with shared/tools beside the repository")
	}
	dir := filepath.Join(b.TempDir(), "vault")
	if out, err := exec.Command(python, gen, dir, "--notes", "10000", "--cards-per-note", "8", "--seed", "1").CombinedOutput(); err != nil {
		b.Fatalf("genvault: %v\n%s", err, out)
	}
	return dir
}

// benchStudy opens the vault with an index already built (a warm start).
func benchStudy(b *testing.B, dir, dbPath string) (*study.Study, *store.Store, func() (*study.Study, error)) {
	b.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	settings, _, err := deck.LoadSettings(root.FS())
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(dbPath)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	open := func() (*study.Study, error) {
		return study.Open(db, study.Options{Key: dir, FS: root.FS(), Root: root, Settings: settings,
			Clock: review.Clock{Location: time.UTC}, Now: func() time.Time { return now }})
	}
	s, err := open()
	if err != nil {
		b.Fatal(err)
	}
	return s, db, open
}

// reportPercentiles adds p50 and p99 of the durations as metrics.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	if len(ds) == 0 {
		return
	}
	at := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkStartup10k measures start-up to the first screen on a warm
// index: opening the database and the vault (an unchanged 10,000-note vault
// is not re-read), building the deck screen and rendering it.
func BenchmarkStartup10k(b *testing.B) {
	dir := benchVault(b)
	dbPath := filepath.Join(b.TempDir(), "recall.db")
	_, db, _ := benchStudy(b, dir, dbPath)
	db.Close()
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	settings, _, _ := deck.LoadSettings(root.FS())
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	for b.Loop() {
		db, err := store.Open(dbPath)
		if err != nil {
			b.Fatal(err)
		}
		s, err := study.Open(db, study.Options{Key: dir, FS: root.FS(), Root: root, Settings: settings,
			Clock: review.Clock{Location: time.UTC}, Now: func() time.Time { return now }})
		if err != nil {
			b.Fatal(err)
		}
		var m tea.Model = New(Config{Study: s, Vault: dir, Now: func() time.Time { return now }})
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.(Model).View()
		db.Close()
	}
}

// sessionModel opens a review session of every deck on the vault and
// returns the model showing its first card.
func sessionModel(b *testing.B, s *study.Study) tea.Model {
	b.Helper()
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	var m tea.Model = New(Config{Study: s, Vault: "bench", Now: func() time.Time { return now }})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, cmd := m.Update(press("enter"))
	for _, msg := range runCmd(cmd) {
		m, _ = m.Update(msg)
	}
	if m.(Model).review.question == nil {
		b.Fatal("no card to review")
	}
	return m
}

// BenchmarkRevealFrame measures the time from the reveal key to the
// rendered frame, with every card of the vault loaded.
func BenchmarkRevealFrame(b *testing.B) {
	s, _, _ := benchStudy(b, benchVault(b), filepath.Join(b.TempDir(), "recall.db"))
	m := sessionModel(b, s)
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		next, _ := m.Update(press("space"))
		_ = next.(Model).View()
		ds = append(ds, time.Since(start))
	}
	b.ReportMetric(float64(len(s.Cards())), "cards")
	reportPercentiles(b, ds)
}

// BenchmarkGradeFrame measures the time from the Good key to the frame
// showing the next card: the grade (note write with fsync and database
// commit), reading the next card's note and rendering. Each grade is undone
// outside the measurement.
func BenchmarkGradeFrame(b *testing.B) {
	s, _, _ := benchStudy(b, benchVault(b), filepath.Join(b.TempDir(), "recall.db"))
	m := sessionModel(b, s)
	m, _ = m.Update(press("space"))
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		next, cmd := m.Update(press("3"))
		for cmd != nil {
			var more []tea.Cmd
			for _, msg := range runCmd(cmd) {
				var c tea.Cmd
				next, c = next.Update(msg)
				more = append(more, c)
			}
			cmd = tea.Batch(more...)
		}
		_ = next.(Model).View()
		ds = append(ds, time.Since(start))
		b.StopTimer()
		q := next.(Model).review.queue
		if _, err := s.Undo(); err != nil {
			b.Fatal(err)
		}
		card := m.(Model).review.card
		q.PutBack(card)
		b.StartTimer()
	}
	reportPercentiles(b, ds)
}
