// Package fsrs is FSRS-6, recall's second scheduler, exactly as ts-fsrs 5.4.2
// (the library of the Obsidian Spaced Repetition plugin) computes it
// (spec/fsrs.md).
//
// Model holds the memory formulas (forgetting curve, initial and next
// stability and difficulty), with ts-fsrs's rounding to 8 decimals so that
// results are bit-identical. Scheduler is the card state machine around them:
// learning and relearning steps, the long-term mode without steps, maximum
// interval and optional fuzz. FromSM2, EaseToDifficulty and DifficultyToEase
// convert between SM-2-OSR and FSRS as the plugin does.
//
// Everything is a pure function of its arguments: times are passed in, day
// boundaries come from an injected day-index function, and the only
// randomness is the optional fuzz, drawn from a PRNG seeded by the card.
package fsrs
