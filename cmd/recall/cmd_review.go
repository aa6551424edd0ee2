package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/recall-srs/recall/cmd/recall/internal/tui"
	"github.com/recall-srs/recall/simulator"
)

// reviewCmd opens the review screens: recall's default command.
type reviewCmd struct {
	studyFlags
	NewPerDay int `help:"New cards a day." default:"20"`
}

// Run opens the TUI on the vault (or the built-in deck). When standard
// output is not a terminal it prints the vault's summary instead, as
// recall scan does.
func (c *reviewCmd) Run(e *env) error {
	if !e.isTerminal {
		return (&scanCmd{vaultFlags: c.vaultFlags}).Run(e)
	}
	s, err := c.openStudy(e)
	if err != nil {
		return err
	}
	defer s.close()
	now, err := e.nowFunc()
	if err != nil {
		return usageError{err.Error()}
	}
	cfg := tui.Config{Study: s.Study, Vault: s.vault.name, Reopen: s.reopen, Now: now, NewPerDay: c.NewPerDay,
		Editor: e.getenv("EDITOR")}
	if !s.vault.builtin {
		cfg.Dir = c.Vault
		if info, err := os.Stat(filepath.Join(c.Vault, ".obsidian")); err == nil && info.IsDir() {
			abs, _ := filepath.Abs(c.Vault)
			cfg.ObsidianVault, cfg.Opener = filepath.Base(abs), openURL
		}
	}
	return tui.Run(cfg, programOptions(e)...)
}

// programOptions are the Bubble Tea options from the environment: NO_COLOR
// (https://no-color.org) drops colours but keeps bold and reverse.
func programOptions(e *env) []tea.ProgramOption {
	if e.getenv("NO_COLOR") != "" {
		return []tea.ProgramOption{tea.WithColorProfile(colorprofile.Ascii)}
	}
	return nil
}

// openURL opens a URL with the desktop's opener.
func openURL(url string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	return exec.Command(name, url).Start()
}

// labCmd opens the OAuth lab screens.
type labCmd struct {
	Scenario string `help:"Open this lesson directly (happy, wrong-secret, basic-raw, reuse, wider-scope, narrower-scope, expired, revoked, missing-grant-type, reauthorize)." placeholder:"NAME"`
}

// Run opens the lab in the terminal.
func (c *labCmd) Run(e *env) error {
	if !e.isTerminal {
		return errors.New("recall lab needs a terminal; without one, run the servers with recall serve and use curl")
	}
	if c.Scenario != "" && !knownScenario(c.Scenario) {
		return usageError{fmt.Sprintf("unknown lesson %q (see recall lab --help)", c.Scenario)}
	}
	now, err := e.nowFunc()
	if err != nil {
		return usageError{err.Error()}
	}
	return tui.RunLab(tui.Config{Vault: "OAuth 2.0 lab", Now: now}, c.Scenario, programOptions(e)...)
}

// knownScenario reports whether name is a lab lesson.
func knownScenario(name string) bool {
	for _, sc := range simulator.Scenarios {
		if sc.Name == name {
			return true
		}
	}
	return false
}
