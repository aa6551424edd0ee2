// Package notes holds recall's embedded default deck: a tiny Obsidian vault
// about the OAuth 2.0 refresh-token flow, written in Traditional Chinese with
// English technical terms, in the syntax of the Obsidian "Spaced Repetition"
// plugin.
//
// The vault contains Markdown notes whose cards carry the deck tag #🧠 (with
// sub-decks such as #🧠/oauth/refresh) and the plugin's settings file, which
// sets the flashcard tag to #🧠 and the inline card separator to ->->->. The
// notes carry no schedule comments, so every card starts new.
//
// The package imports nothing from the rest of the module; callers read the
// vault through FS like any other vault.
package notes

import (
	"embed"
	"io/fs"
)

// Name is the display name of the embedded deck.
const Name = "built-in OAuth deck"

// SettingsPath is the path of the Spaced Repetition plugin's settings file
// inside the vault returned by FS.
const SettingsPath = ".obsidian/plugins/obsidian-spaced-repetition/data.json"

// vault is the embedded vault folder. The all: prefix is needed so that the
// .obsidian configuration folder is included.
//
//go:embed all:vault
var vault embed.FS

// FS returns the embedded vault as a read-only file system rooted at the
// vault folder: the notes are at its top level and the plugin settings at
// SettingsPath.
func FS() fs.FS {
	sub, err := fs.Sub(vault, "vault")
	if err != nil {
		// fs.Sub fails only for an invalid directory name; "vault" is valid.
		panic("notes: " + err.Error())
	}
	return sub
}
