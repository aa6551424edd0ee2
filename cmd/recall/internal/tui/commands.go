package tui

import (
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/study"
)

// COMMANDS: every piece of IO runs here, never in Update. Commands only
// return messages; they never change the model.

// loadQuestion reads a card's note and finds its question.
func loadQuestion(s *study.Study, id string) tea.Cmd {
	return func() tea.Msg {
		n, q, err := s.Question(id)
		return questionLoadedMsg{id: id, note: n, question: q, err: err}
	}
}

// buildQueue builds the review queue of a deck.
func buildQueue(s *study.Study, deckName string, newPerDay int, seed uint64) tea.Cmd {
	return func() tea.Msg {
		q, err := s.Queue(deckName, newPerDay, seed)
		return queueBuiltMsg{deck: deckName, queue: q, err: err}
	}
}

// gradeCard grades a card: note write-back and database.
func gradeCard(s *study.Study, id string, r review.Rating, took time.Duration) tea.Cmd {
	return func() tea.Msg {
		res, err := s.Grade(id, r, took)
		return cardGradedMsg{rating: r, result: res, err: err}
	}
}

// undoGrade takes back the last grade.
func undoGrade(s *study.Study, id string) tea.Cmd {
	return func() tea.Msg {
		_, err := s.Undo()
		return undoneMsg{id: id, err: err}
	}
}

// buryCards hides cards for the rest of the day.
func buryCards(s *study.Study, ids []string) tea.Cmd {
	if len(ids) == 0 {
		return nil
	}
	return func() tea.Msg {
		return buriedMsg{err: s.Bury(ids)}
	}
}

// openEditor suspends the TUI and opens a note in $EDITOR at a line
// (editors of the vi and emacs families, nano and VS Code's "-g" are told
// the line).
func openEditor(editor, file string, line int) tea.Cmd {
	fields := strings.Fields(editor)
	name := fields[0]
	args := append([]string(nil), fields[1:]...)
	switch base := name[strings.LastIndexByte(name, '/')+1:]; base {
	case "code", "codium":
		args = append(args, "-g", file+":"+strconv.Itoa(line))
	default:
		args = append(args, "+"+strconv.Itoa(line), file)
	}
	return tea.ExecProcess(exec.Command(name, args...), func(err error) tea.Msg {
		return editorFinishedMsg{err: err}
	})
}

// reopenStudy reads the vault again after an edit.
func reopenStudy(reopen func() (*study.Study, error)) tea.Cmd {
	return func() tea.Msg {
		if reopen == nil {
			return studyReopenedMsg{}
		}
		s, err := reopen()
		return studyReopenedMsg{study: s, err: err}
	}
}

// ObsidianURL is the obsidian:// link that opens a note of a vault.
func ObsidianURL(vault, note string) string {
	return "obsidian://open?vault=" + url.QueryEscape(vault) + "&file=" + url.QueryEscape(strings.TrimSuffix(note, ".md"))
}

// openObsidian opens a note in Obsidian.
func openObsidian(open func(string) error, vault, note string) tea.Cmd {
	return func() tea.Msg {
		return openedMsg{err: open(ObsidianURL(vault, note))}
	}
}
