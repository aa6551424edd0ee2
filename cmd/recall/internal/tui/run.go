package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Run runs the TUI until the learner quits. The lab servers, if the
// learner opened the lab, are stopped before it returns.
func Run(cfg Config, opts ...tea.ProgramOption) error {
	return run(New(cfg), nil, opts)
}

// RunLab runs the TUI on the OAuth lab (recall lab), on a scenario when
// name is not empty.
func RunLab(cfg Config, name string, opts ...tea.ProgramOption) error {
	m, cmd := NewLab(cfg, name)
	return run(m, cmd, opts)
}

// run runs a root model, with a first command besides its Init.
func run(m Model, first tea.Cmd, opts []tea.ProgramOption) error {
	m.first = first
	final, err := tea.NewProgram(m, opts...).Run()
	if fm, ok := final.(Model); ok && fm.lab.lab != nil {
		fm.lab.lab.Close()
	}
	return err
}
