package tui

import (
	"fmt"
	"math"
	"path"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/study"
)

// reviewScreen is a review session: its queue, the card shown and what has
// been graded.
type reviewScreen struct {
	deck     string
	queue    *review.Queue
	card     review.QueueCard
	has      bool
	question *deck.Question
	note     *deck.Note
	revealed bool
	scroll   int
	started  time.Time
	shownAt  time.Time
	counts   [5]int // per rating
	// last is the card graded last with its state before, for undo.
	last      *review.QueueCard
	intervals [4]string // what each grade would give, set on reveal
	nextDue   time.Time // when the next card falls due, set at the end
}

// startSession asks for the queue of a deck (the database knows what was
// buried and studied today); queueBuilt then shows its first card.
func (m Model) startSession(deckName string) (tea.Model, tea.Cmd) {
	m.busy = true
	return m, buildQueue(m.cfg.Study, deckName, m.cfg.NewPerDay, uint64(m.cfg.Now().UnixNano()))
}

// queueBuilt starts the session on a new queue.
func (m Model) queueBuilt(msg queueBuiltMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		m.status = msg.err.Error()
		return m, nil
	}
	counts, started := m.review.counts, m.review.started
	m.review = reviewScreen{deck: msg.deck, queue: msg.queue, started: m.cfg.Now()}
	if msg.resume {
		m.review.counts, m.review.started = counts, started
	}
	m.screen = screenReview
	return m.nextCard()
}

// restartSession rebuilds the queue after the notes changed (editor).
func (m Model) restartSession() (tea.Model, tea.Cmd) {
	if m.screen != screenReview {
		m.decks = newDeckScreen(m.cfg.Study, m.cfg.Now())
		return m, nil
	}
	m.busy = true
	cmd := buildQueue(m.cfg.Study, m.review.deck, m.cfg.NewPerDay, uint64(m.cfg.Now().UnixNano()))
	return m, func() tea.Msg {
		msg := cmd().(queueBuiltMsg)
		msg.resume = true
		return msg
	}
}

// nextCard shows the next card of the queue, or the summary when none is
// left now.
func (m Model) nextCard() (tea.Model, tea.Cmd) {
	r := &m.review
	r.revealed, r.scroll, r.question, r.note = false, 0, nil, nil
	c, ok := r.queue.Current(m.cfg.Now())
	if !ok {
		r.has = false
		r.nextDue = soonestDue(m.cfg.Study, m.cfg.Now())
		m.screen = screenSummary
		return m, nil
	}
	r.card, r.has = c, true
	m.busy = true
	return m, loadQuestion(m.cfg.Study, c.ID)
}

// questionLoaded shows a card once its note was read.
func (m Model) questionLoaded(msg questionLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		// The note changed under us: skip the card and say why.
		m.status = msg.err.Error()
		m.review.queue.Skip()
		return m, nil
	}
	if !m.review.has || msg.id != m.review.card.ID {
		return m, nil
	}
	m.review.question, m.review.note = msg.question, msg.note
	m.review.shownAt = m.cfg.Now()
	return m, nil
}

// sibling returns the card of the question being shown.
func (r *reviewScreen) sibling() (deck.Card, bool) {
	if r.question == nil {
		return deck.Card{}, false
	}
	for _, c := range r.question.Cards {
		if c.ID == r.card.ID {
			return c, true
		}
	}
	return deck.Card{}, false
}

// updateReview handles a key on the review screen.
func (m Model) updateReview(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	r := &m.review
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		r.nextDue = soonestDue(m.cfg.Study, m.cfg.Now())
		m.screen = screenSummary
		return m, nil
	case key.Matches(msg, k.Undo):
		if r.last == nil {
			m.status = "nothing to undo in this session"
			return m, nil
		}
		m.busy = true
		return m, undoGrade(m.cfg.Study, r.last.ID)
	case r.question == nil:
		return m, nil
	case key.Matches(msg, k.Reveal) && !r.revealed:
		r.revealed = true
		r.intervals = m.intervals(r.card.ID)
	case key.Matches(msg, k.Again, k.Hard, k.Good, k.Easy, k.Reset) && (r.revealed || key.Matches(msg, k.Reset)):
		rating := review.Reset
		for i, b := range []key.Binding{k.Again, k.Hard, k.Good, k.Easy} {
			if key.Matches(msg, b) {
				rating = review.Rating(i + 1)
			}
		}
		m.busy = true
		return m, gradeCard(m.cfg.Study, r.card.ID, rating, m.cfg.Now().Sub(r.shownAt))
	case key.Matches(msg, k.Skip):
		r.queue.Skip()
		return m.nextCard()
	case key.Matches(msg, k.Bury):
		buried := r.queue.Bury()
		next, cmd := m.nextCard()
		return next, tea.Batch(buryCards(m.cfg.Study, buried), cmd)
	case key.Matches(msg, k.Edit):
		if m.cfg.Dir == "" || m.cfg.Editor == "" {
			m.status = "editing needs a vault on disk and $EDITOR"
			return m, nil
		}
		return m, openEditor(m.cfg.Editor, path.Join(m.cfg.Dir, r.note.Path), r.question.FirstLine)
	case key.Matches(msg, k.Open):
		if m.cfg.ObsidianVault == "" || m.cfg.Opener == nil {
			m.status = "this is not an Obsidian vault"
			return m, nil
		}
		return m, openObsidian(m.cfg.Opener, m.cfg.ObsidianVault, r.note.Path)
	case key.Matches(msg, k.TryIt):
		if r.question.Lab == "" {
			m.status = "this card has no lab lesson (a line \"lab: NAME\" below it links one)"
			return m, nil
		}
		return m.openLab(r.question.Lab, screenReview)
	case key.Matches(msg, k.Down):
		r.scroll++
	case key.Matches(msg, k.Up):
		r.scroll = max(0, r.scroll-1)
	}
	return m, nil
}

// cardGraded moves on after a grade.
func (m Model) cardGraded(msg cardGradedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = "the grade was not saved: " + msg.err.Error()
		return m, nil
	}
	r := &m.review
	before := r.card
	before.State = msg.result.Before
	r.last = &before
	if msg.result.Problem != "" {
		m.status = msg.result.Problem
	}
	r.counts[msg.rating]++
	buried := r.queue.Answered(msg.result.Card.State, m.cfg.Now())
	next, cmd := m.nextCard()
	return next, tea.Batch(buryCards(m.cfg.Study, buried), cmd)
}

// undone puts the undone card back in front.
func (m Model) undone(msg undoneMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = "cannot undo: " + msg.err.Error()
		return m, nil
	}
	r := &m.review
	if r.last != nil {
		r.queue.PutBack(*r.last)
		r.last = nil
	}
	m.status = "undone"
	m.screen = screenReview
	return m.nextCard()
}

// renderReview renders the review screen.
func (m Model) renderReview() string {
	r := m.review
	foot := m.footer(m.reviewKeys())
	height := max(3, m.height-lipglossHeight(foot))
	v := ReviewView{Done: r.queue.Done(), Remaining: r.queue.Remaining(), Revealed: r.revealed, Scroll: r.scroll}
	if r.note != nil {
		v.Breadcrumb = breadcrumb(r.note.Path, r.question.Context)
	}
	if len(r.card.Decks) > 0 {
		v.Deck = strings.Split(r.card.Decks[0], "/")
	}
	if c, ok := r.sibling(); ok {
		v.Question, v.Answer = c.Front, c.Back
		if r.revealed {
			v.Intervals = r.intervals
		}
	} else {
		v.Question = "loading…"
	}
	return RenderReview(v, m.width, height, m.styles) + "\n" + foot
}

// reviewKeys are the keys offered on the review screen now.
func (m Model) reviewKeys() []key.Binding {
	k := m.keys
	if !m.review.revealed {
		keys := []key.Binding{k.Reveal, k.Skip, k.Bury, k.Undo, k.Edit}
		if m.review.question != nil && m.review.question.Lab != "" {
			keys = append(keys, k.TryIt)
		}
		return append(keys, k.Help, k.Back)
	}
	keys := []key.Binding{k.Again, k.Hard, k.Good, k.Easy, k.Undo, k.Edit}
	if m.review.question != nil && m.review.question.Lab != "" {
		keys = append(keys, k.TryIt)
	}
	return append(keys, k.Help, k.Back)
}

// intervals labels each grade with the interval it would give (Anki's
// button labels): "10m", "3d", "1.2mo", "2.5y".
func (m Model) intervals(id string) [4]string {
	var out [4]string
	preview, err := m.cfg.Study.Preview(id)
	if err != nil {
		return out
	}
	now := m.cfg.Now()
	for i, r := range []review.Rating{review.Again, review.Hard, review.Good, review.Easy} {
		if st, ok := preview[r]; ok {
			out[i] = intervalLabel(st, now)
		}
	}
	return out
}

// intervalLabel is the interval a state gives: days for SM-2 and for FSRS
// review intervals, the time until due for FSRS learning steps.
func intervalLabel(st review.State, now time.Time) string {
	switch {
	case st.SM2 != nil:
		if days := math.Round(st.SM2.Interval); days >= 1 {
			return formatInterval(time.Duration(days) * 24 * time.Hour)
		}
		return "today"
	case st.FSRS != nil && st.FSRS.ScheduledDays == 0:
		return formatInterval(st.FSRS.Due.Sub(now))
	case st.FSRS != nil:
		return formatInterval(time.Duration(st.FSRS.ScheduledDays) * 24 * time.Hour)
	}
	return ""
}

// formatInterval writes a duration the way review buttons do.
func formatInterval(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(math.Round(d.Minutes())))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(math.Round(d.Hours())))
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return fmt.Sprintf("%dd", int(math.Round(days)))
	case days < 365:
		return trimFloat(days/30.44) + "mo"
	default:
		return trimFloat(days/365.25) + "y"
	}
}

// trimFloat formats with one decimal, without a trailing ".0".
func trimFloat(x float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0")
}

// renderSummary renders the end of a session.
func (m Model) renderSummary() string {
	r := m.review
	foot := m.footer([]key.Binding{m.keys.Start, m.keys.Stats, m.keys.Back})
	v := SummaryView{NextDue: r.nextDue, Now: m.cfg.Now()}
	for i := range v.Ratings {
		v.Ratings[i] = r.counts[i+1]
		v.Reviewed += r.counts[i+1]
	}
	if !r.started.IsZero() {
		v.Elapsed = m.cfg.Now().Sub(r.started)
	}
	body := RenderSummary(v, m.width, m.styles)
	if r.queue != nil {
		if n, at := r.queue.Waiting(); n > 0 {
			body += "\n\n" + fmt.Sprintf("%d card(s) come back later today, from %s.", n, at.Local().Format("15:04"))
		}
	}
	return padTo(body, m.height-lipglossHeight(foot)) + "\n" + foot
}

// soonestDue returns when the next card falls due after now.
func soonestDue(s *study.Study, now time.Time) time.Time {
	var next time.Time
	clock := s.Clock()
	for _, c := range s.Cards() {
		if c.State.IsNew() || clock.IsDue(c.State, now) {
			continue
		}
		if due := clock.Due(c.State); next.IsZero() || due.Before(next) {
			next = due
		}
	}
	return next
}

// breadcrumb is "note › H1 › H2", without an H1 that only repeats the
// note's name.
func breadcrumb(notePath string, context []string) []string {
	name := strings.TrimSuffix(path.Base(notePath), ".md")
	if len(context) > 0 && context[0] == name {
		context = context[1:]
	}
	return append([]string{name}, context...)
}
