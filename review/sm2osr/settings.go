package sm2osr

// Settings are the plugin settings that SM-2-OSR reads (spec/obsidian-sr.md
// §2), plus recall's sm2.overdue_bonus.
type Settings struct {
	// BaseEase is the ease of new and reset cards, in percent (250).
	BaseEase int
	// EasyBonus multiplies Easy intervals (1.3).
	EasyBonus float64
	// LapsesIntervalChange multiplies Hard intervals (0.5).
	LapsesIntervalChange float64
	// MaximumInterval caps every interval, in days (36525).
	MaximumInterval float64
	// LoadBalance rounds intervals to whole days and moves intervals over
	// 7 days to the least busy nearby day of the Histogram (true).
	LoadBalance bool
	// OverdueBonus makes Review pass the days a card is overdue to Next, as
	// v1.10.1 did; false is the current plugin's behaviour (recall's
	// sm2.overdue_bonus, spec/obsidian-sr.md §8.6).
	OverdueBonus bool
	// Legacy selects v1.10.1 load balancing: always on when a histogram is
	// given (LoadBalance is ignored), its wider windows, and its histogram
	// handling, in which Next itself records the chosen interval in the
	// histogram (spec/obsidian-sr.md §8.4).
	Legacy bool
}

// DefaultSettings returns the plugin's defaults with the overdue bonus off.
func DefaultSettings() Settings {
	return Settings{
		BaseEase:             250,
		EasyBonus:            1.3,
		LapsesIntervalChange: 0.5,
		MaximumInterval:      36525,
		LoadBalance:          true,
	}
}
