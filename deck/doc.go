// Package deck is the notes side of recall: it reads an Obsidian vault written
// for the Spaced Repetition plugin exactly as the plugin does, and records the
// exact byte spans of every card and schedule comment so that a later write
// can touch only the bytes it must.
//
// The package knows nothing of terminals or user interfaces; it takes an
// fs.FS, plain settings and a clock, and returns cards and warnings.
package deck
