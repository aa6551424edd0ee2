package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/recall-srs/recall/simulator"
)

// labScreen walks the OAuth lab's scenarios step by step against a real
// lab on loopback: the learner edits the request, predicts the answer,
// sends it and reads the exchange exactly as it crossed the wire.
type labScreen struct {
	lab      *simulator.Lab
	menu     int  // selected scenario in the list
	open     bool // a scenario is open (else the list is shown)
	scenario simulator.Scenario
	step     int
	req      simulator.Request // the step's request as the learner edited it
	field    int               // selected line of the request form
	editing  bool
	input    textinput.Model
	predict  int // index into predictions; 0 is "no prediction"
	sent     *simulator.Exchange
	verdict  string
	scroll   int
	returnTo screen // where esc leads from the list
	// vars is a copy of the lesson's values, taken in Update when no
	// command runs, so that rendering never reads the lab's live map.
	vars simulator.Vars
}

// snapshotVars copies the lesson's values for rendering.
func (l *labScreen) snapshotVars() {
	l.vars = simulator.Vars{}
	if l.lab != nil {
		for k, v := range l.lab.Vars() {
			l.vars[k] = v
		}
	}
}

// predictions are the answers a learner can predict.
var predictions = []string{"(no prediction)", "200", "400 invalid_request", "400 invalid_grant", "400 invalid_scope",
	"400 unsupported_grant_type", "400 unauthorized_client", "401 invalid_client", "401 (no error code)",
	"401 invalid_token", "403 insufficient_scope"}

// authNames name the authentication methods, as the form shows them.
var authNames = map[simulator.Auth]string{
	simulator.AuthNone: "none (public client)", simulator.AuthBasic: "client_secret_basic (form-encoded)",
	simulator.AuthBasicRaw: "Basic without form-encoding", simulator.AuthPost: "client_secret_post", simulator.AuthBearer: "Bearer token",
}

// labKeys are the lab screen's keys.
var labKeys = struct {
	Up, Down, Edit, Delete, Add, Predict, Send, Next, Clock, Reset, Back key.Binding
}{
	Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	Edit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit / open")),
	Delete:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "drop parameter")),
	Add:     key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add scope")),
	Predict: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "predict")),
	Send:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "send")),
	Next:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next step")),
	Clock:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clock +1h")),
	Reset:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restart")),
	Back:    key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("q/esc", "back")),
}

// Messages of the lab.
type (
	labStartedMsg struct {
		lab *simulator.Lab
		err error
	}
	labSentMsg struct {
		x   simulator.Exchange
		err error
	}
	labClockMsg struct {
		now time.Time
		err error
	}
)

// startLab starts the lab servers on loopback.
func startLab() tea.Cmd {
	return func() tea.Msg {
		lab, err := simulator.StartLab(simulator.DefaultConfig(), time.Now)
		return labStartedMsg{lab: lab, err: err}
	}
}

// sendLab sends the edited request.
func sendLab(lab *simulator.Lab, r simulator.Request) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		x, err := lab.Do(ctx, r)
		return labSentMsg{x: x, err: err}
	}
}

// resetLab restores the fixtures and fast-forwards the clock for a step.
func resetLab(lab *simulator.Lab, advance time.Duration, reset bool) tea.Cmd {
	return func() tea.Msg {
		if reset {
			lab.Reset()
		}
		if advance > 0 {
			now, err := lab.Advance(advance)
			return labClockMsg{now: now, err: err}
		}
		return labClockMsg{now: lab.Now()}
	}
}

// openLab shows the lab, on a scenario when name is not empty.
func (m Model) openLab(name string, from screen) (tea.Model, tea.Cmd) {
	m.lab.returnTo = from
	m.screen = screenLab
	for i, sc := range simulator.Scenarios {
		if sc.Name == name {
			m.lab.menu = i
		}
	}
	var cmds []tea.Cmd
	if m.lab.lab == nil {
		m.busy = true
		cmds = append(cmds, startLab())
	}
	if name != "" {
		next, cmd := m.openScenario()
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Sequence(cmds...)
}

// openScenario opens the scenario selected in the list at its first step.
func (m Model) openScenario() (tea.Model, tea.Cmd) {
	l := &m.lab
	l.open, l.scenario, l.step = true, simulator.Scenarios[l.menu], 0
	return m.loadStep(true)
}

// loadStep puts the current step's request in the form.
func (m Model) loadStep(reset bool) (tea.Model, tea.Cmd) {
	l := &m.lab
	st := l.scenario.Steps[l.step]
	l.req = st.Request
	l.req.Params = append([]simulator.Param(nil), st.Request.Params...)
	l.field, l.predict, l.sent, l.verdict, l.scroll, l.editing = 0, 0, nil, "", 0, false
	if l.lab == nil {
		return m, nil
	}
	if reset {
		l.vars = simulator.NewVars()
	} else {
		l.snapshotVars()
	}
	return m, resetLab(l.lab, st.Advance, reset)
}

// formLines are the editable lines of the request form.
func (l *labScreen) formLines() []string {
	r := l.req
	lines := []string{
		"auth:           " + authNames[r.Auth],
		"client_id:      " + r.ClientID,
		"client_secret:  " + r.ClientSecret,
	}
	if r.Auth == simulator.AuthBearer {
		lines = append(lines, "bearer token:   "+l.shown(r.Token))
	}
	for _, p := range r.Params {
		lines = append(lines, fmt.Sprintf("%-15s %s", p.Name+":", l.shown(p.Value)))
	}
	return append(lines, "prediction:     "+predictions[l.predict])
}

// updateLab handles a key in the lab.
func (m Model) updateLab(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	l := &m.lab
	if l.editing {
		switch msg.String() {
		case "enter":
			l.setField(l.input.Value())
			l.editing = false
			l.input.Blur()
			return m, nil
		case "esc":
			l.editing = false
			l.input.Blur()
			return m, nil
		}
		// The input's own commands only blink the cursor; a steady cursor
		// does without them.
		l.input, _ = l.input.Update(msg)
		return m, nil
	}
	if !l.open {
		switch {
		case key.Matches(msg, labKeys.Back):
			m.screen = l.returnTo
			if m.screen == screenLab || m.cfg.Study == nil {
				return m, tea.Quit
			}
		case key.Matches(msg, labKeys.Up):
			l.menu = max(0, l.menu-1)
		case key.Matches(msg, labKeys.Down):
			l.menu = min(len(simulator.Scenarios)-1, l.menu+1)
		case key.Matches(msg, labKeys.Edit):
			return m.openScenario()
		}
		return m, nil
	}
	lines := len(l.formLines())
	switch {
	case key.Matches(msg, labKeys.Back):
		if l.returnTo == screenReview {
			m.screen = screenReview
			return m, nil
		}
		l.open = false
	case key.Matches(msg, labKeys.Up):
		if l.sent != nil {
			l.scroll = max(0, l.scroll-1)
		} else {
			l.field = max(0, l.field-1)
		}
	case key.Matches(msg, labKeys.Down):
		if l.sent != nil {
			l.scroll++
		} else {
			l.field = min(lines-1, l.field+1)
		}
	case key.Matches(msg, labKeys.Predict):
		l.predict = (l.predict + 1) % len(predictions)
	case key.Matches(msg, labKeys.Edit):
		switch {
		case l.field == 0:
			l.req.Auth = nextAuth(l.req.Auth)
		case l.field == lines-1:
			l.predict = (l.predict + 1) % len(predictions)
		default:
			l.input = textinput.New()
			l.input.SetValue(l.fieldValue())
			l.input.CursorEnd()
			l.editing = true
			l.input.Focus()
			return m, nil
		}
	case key.Matches(msg, labKeys.Delete):
		if i := l.paramIndex(); i >= 0 {
			l.req.Params = append(l.req.Params[:i], l.req.Params[i+1:]...)
			l.field = min(l.field, len(l.formLines())-1)
		}
	case key.Matches(msg, labKeys.Add):
		for _, p := range l.req.Params {
			if p.Name == "scope" {
				m.status = "the request already has a scope"
				return m, nil
			}
		}
		l.req.Params = append(l.req.Params, simulator.Param{Name: "scope", Value: "read write"})
		l.field = len(l.formLines()) - 2
	case key.Matches(msg, labKeys.Send):
		if l.lab == nil {
			return m, nil
		}
		m.busy = true
		return m, sendLab(l.lab, l.req)
	case key.Matches(msg, labKeys.Next):
		if l.step+1 < len(l.scenario.Steps) {
			l.step++
			return m.loadStep(false)
		}
		m.status = "last step of this scenario: r restarts it, esc goes back"
	case key.Matches(msg, labKeys.Clock):
		if l.lab != nil {
			return m, resetLab(l.lab, time.Hour, false)
		}
	case key.Matches(msg, labKeys.Reset):
		l.step = 0
		return m.loadStep(true)
	}
	return m, nil
}

// nextAuth cycles through the authentication methods.
func nextAuth(a simulator.Auth) simulator.Auth {
	order := []simulator.Auth{simulator.AuthBasic, simulator.AuthBasicRaw, simulator.AuthPost, simulator.AuthNone, simulator.AuthBearer}
	for i, x := range order {
		if x == a {
			return order[(i+1)%len(order)]
		}
	}
	return order[0]
}

// paramIndex is the parameter on the selected line, or -1.
func (l *labScreen) paramIndex() int {
	first := 3
	if l.req.Auth == simulator.AuthBearer {
		first = 4
	}
	if i := l.field - first; i >= 0 && i < len(l.req.Params) {
		return i
	}
	return -1
}

// fieldValue is the value on the selected line.
func (l *labScreen) fieldValue() string {
	switch {
	case l.field == 1:
		return l.req.ClientID
	case l.field == 2:
		return l.req.ClientSecret
	case l.field == 3 && l.req.Auth == simulator.AuthBearer:
		return l.req.Token
	}
	if i := l.paramIndex(); i >= 0 {
		return l.req.Params[i].Value
	}
	return ""
}

// setField stores an edited value.
func (l *labScreen) setField(v string) {
	switch {
	case l.field == 1:
		l.req.ClientID = v
	case l.field == 2:
		l.req.ClientSecret = v
	case l.field == 3 && l.req.Auth == simulator.AuthBearer:
		l.req.Token = v
	default:
		if i := l.paramIndex(); i >= 0 {
			l.req.Params[i].Value = v
		}
	}
}

// labSent shows the exchange and judges the prediction.
func (m Model) labSent(msg labSentMsg) (tea.Model, tea.Cmd) {
	l := &m.lab
	if msg.err != nil {
		m.status = msg.err.Error()
		return m, nil
	}
	l.sent, l.scroll = &msg.x, 0
	l.snapshotVars()
	got := answerOf(msg.x)
	var verdict []string
	if l.predict > 0 {
		if predictions[l.predict] == got {
			verdict = append(verdict, "✓ your prediction was right: "+got)
		} else {
			verdict = append(verdict, "✗ you predicted "+predictions[l.predict]+"; the lab answered "+got)
		}
	}
	if err := l.scenario.Steps[l.step].Expect.Check(msg.x.Status, msg.x.Body); err != nil {
		verdict = append(verdict, "the lesson's request would have given something else ("+err.Error()+"): you changed the request")
	}
	l.verdict = strings.Join(verdict, "\n")
	return m, nil
}

// answerOf names an answer the way predictions do.
func answerOf(x simulator.Exchange) string {
	if x.Status == http.StatusOK {
		return "200"
	}
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(x.Body, &e) == nil && e.Error != "" {
		return fmt.Sprintf("%d %s", x.Status, e.Error)
	}
	if x.Status == http.StatusUnauthorized {
		if strings.Contains(x.Response, `error="invalid_token"`) {
			return "401 invalid_token"
		}
		if strings.Contains(x.Response, `error="insufficient_scope"`) {
			return "403 insufficient_scope"
		}
		return "401 (no error code)"
	}
	if strings.Contains(x.Response, `error="insufficient_scope"`) {
		return "403 insufficient_scope"
	}
	return fmt.Sprint(x.Status)
}

// renderLab renders the lab screen.
func (m Model) renderLab() string {
	l := m.lab
	st := m.styles
	var b []string
	title := "OAuth 2.0 lab"
	if l.lab != nil {
		title += st.Muted.Render("  " + l.lab.URL() + " · lab clock " + l.lab.Now().UTC().Format("15:04:05"))
	}
	b = append(b, st.Title.Render(title), "")
	var keys []key.Binding
	switch {
	case !l.open:
		b = append(b, "Pick a lesson:", "")
		for i, sc := range simulator.Scenarios {
			line := "  " + sc.Title
			if i == l.menu {
				line = st.Selected.Render(cursorMark + sc.Title)
			}
			b = append(b, line)
		}
		b = append(b, "", ansi.Wrap(simulator.Scenarios[l.menu].Description, m.width, ""))
		keys = []key.Binding{labKeys.Up, labKeys.Down, labKeys.Edit, labKeys.Back}
	case l.sent == nil:
		stp := l.scenario.Steps[l.step]
		b = append(b, st.Strong.Render(fmt.Sprintf("%s · step %d of %d", l.scenario.Title, l.step+1, len(l.scenario.Steps))))
		b = append(b, ansi.Wrap(stp.Note, m.width, ""), "", fmt.Sprintf("%s %s", l.req.Method, l.req.Path))
		for i, line := range l.formLines() {
			if i == l.field {
				if l.editing {
					line = line[:min(len(line), 16)] + l.input.View()
				}
				line = st.Selected.Render(cursorMark + line)
			} else {
				line = "  " + line
			}
			b = append(b, ansi.Truncate(line, m.width, ellipsis))
		}
		b = append(b, "", st.Muted.Render("Change what you like, predict the answer, then send."))
		keys = []key.Binding{labKeys.Up, labKeys.Down, labKeys.Edit, labKeys.Delete, labKeys.Add, labKeys.Predict, labKeys.Send, labKeys.Clock, labKeys.Back}
	default:
		x := l.sent
		var t []string
		if l.verdict != "" {
			t = append(t, strings.Split(l.verdict, "\n")...)
			t = append(t, "")
		}
		t = append(t, st.Strong.Render("Request, as sent:"))
		t = append(t, wireLines(x.Request)...)
		if x.Basic != "" {
			t = append(t, st.Muted.Render("Basic: "+x.Basic))
		}
		t = append(t, "", st.Strong.Render("Response, as received:"))
		t = append(t, wireLines(x.Response)...)
		t = append(t, "", st.Strong.Render("The same with curl:"), x.Curl)
		for _, line := range t {
			b = append(b, strings.Split(ansi.Wrap(line, m.width, ""), "\n")...)
		}
		keys = []key.Binding{labKeys.Up, labKeys.Down, labKeys.Next, labKeys.Reset, labKeys.Clock, labKeys.Back}
	}
	foot := m.footer(keys)
	room := max(1, m.height-lipglossHeight(foot))
	if l.sent != nil && len(b) > room {
		head := b[:2]
		rest := b[2:]
		from := min(l.scroll, max(0, len(rest)-(room-2)))
		b = append(head, rest[from:min(len(rest), from+room-2)]...)
	}
	return padTo(fitLines(strings.Join(b, "\n"), room), room) + "\n" + foot
}

// wireLines splits raw HTTP into display lines, showing line ends.
func wireLines(raw string) []string {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	return strings.Split(strings.TrimRight(raw, "\n"), "\n")
}

// shown is a form value as it will be sent: the lesson's variables filled
// in once the lab runs, with the variable's name beside it.
func (l *labScreen) shown(v string) string {
	if x := l.vars.Expand(v); x != v {
		return x + "  (" + v + ")"
	}
	return v
}
