// Package study puts a vault, the database and a scheduler together: it
// keeps the database's index in step with the notes, grades cards, writes
// their schedules back (or keeps them in the database only) and undoes the
// last grade. The command line and the terminal interface both use it.
package study
