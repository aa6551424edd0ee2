// Package sm2osr is SM-2-OSR, the scheduler of the Obsidian Spaced Repetition
// plugin, as pure functions: given a card's interval, ease and answer it
// returns the plugin's next interval and ease bit for bit
// (spec/obsidian-sr.md §8).
//
// Intervals are float64 days (one decimal, or whole days when load balancing
// is on), eases integer percents, and days are day indices as returned by
// review.DayIndex. The package does no IO, reads no clock and uses no
// randomness: the plugin's "fuzz" is a deterministic load balancing over a
// due-date Histogram.
//
// The current behaviour is that of plugin v1.15.4; Settings.Legacy selects the
// load balancing of v1.10.1, and Settings.OverdueBonus the overdue bonus that
// v1.10.1 gave to late cards.
package sm2osr
