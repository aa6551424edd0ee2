package deck

import (
	"os"
	"testing"
)

// BenchmarkScanVault scans the vault named by RECALL_BENCH_VAULT (for
// example one made by shared/tools/genvault.py), or the real vault subset in
// testdata.
func BenchmarkScanVault(b *testing.B) {
	dir := os.Getenv("RECALL_BENCH_VAULT")
	if dir == "" {
		dir = "testdata/vaults/polyipseity-information"
	}
	fsys := os.DirFS(dir)
	s, _, err := LoadSettings(fsys)
	if err != nil {
		b.Fatal(err)
	}
	p := NewParser(s)
	var bytes int64
	for b.Loop() {
		v, err := ScanVault(fsys, p, ScanOptions{})
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, n := range v.Notes {
			bytes += int64(n.Size)
		}
	}
	b.SetBytes(bytes)
}
