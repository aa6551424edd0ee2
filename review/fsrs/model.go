package fsrs

import "math"

// Limits of stability in days (spec/fsrs.md §1.1).
const (
	MinStability = 0.001
	MaxStability = 36500
)

// MemoryState is a card's memory: stability S in days (the interval after
// which recall probability falls to 90 %) and difficulty D in [1, 10]. The
// zero value is the state of a card never reviewed.
type MemoryState struct {
	Stability  float64
	Difficulty float64
}

// Model computes the FSRS-6 memory formulas (spec/fsrs.md §2) for one set of
// weights, rounding where ts-fsrs rounds. The zero value is not usable; use
// NewModel.
type Model struct {
	w         Weights
	shortTerm bool
	decay     float64
	factor    float64
}

// NewModel returns the model for weights w, which the caller should have
// clipped (Weights.Clip). shortTerm selects the same-day formula for reviews
// on the day of the previous one (ts-fsrs enable_short_term).
func NewModel(w Weights, shortTerm bool) Model {
	decay := -w[20]
	factor := round8(math.Exp(float64(math.Pow(decay, -1)*math.Log(0.9))) - 1)
	return Model{w: w, shortTerm: shortTerm, decay: decay, factor: factor}
}

// Weights returns the model's weights.
func (m Model) Weights() Weights { return m.w }

// Decay returns DECAY = −w20.
func (m Model) Decay() float64 { return m.decay }

// Factor returns FACTOR = 0.9^(1/DECAY) − 1, rounded to 8 decimals, so that
// R(S, S) = 0.9.
func (m Model) Factor() float64 { return m.factor }

// Retrievability is the forgetting curve R(t, S) = (1 + FACTOR·t/S)^DECAY:
// the probability of recall t days after a review that left stability s
// (spec/fsrs.md §2.1).
func (m Model) Retrievability(t, s float64) float64 {
	return round8(math.Pow(1+float64(m.factor*t)/s, m.decay))
}

// IntervalModifier returns (r^(1/DECAY) − 1) / FACTOR, the interval in units
// of stability at which recall probability falls to r (1 for r = 0.9;
// spec/fsrs.md §2.2).
func (m Model) IntervalModifier(r float64) float64 {
	return round8((math.Pow(r, 1/m.decay) - 1) / m.factor)
}

// InitStability is S0(G), the stability after the first review (at least
// 0.1, as in ts-fsrs).
func (m Model) InitStability(g Grade) float64 {
	return math.Max(m.w[g-1], 0.1)
}

// InitDifficulty is D0(G) = w4 − e^(w5·(G−1)) + 1, rounded to 8 decimals and
// not clamped (clamp it to [1, 10] for a card's difficulty).
func (m Model) InitDifficulty(g Grade) float64 {
	return round8(m.w[4] - math.Exp(float64(g-1)*m.w[5]) + 1)
}

// NextDifficulty is the difficulty after a review with grade g (spec/fsrs.md
// §2.4): a step towards 10 for Again and Hard and towards 1 for Easy, damped
// near 10, then mean reversion towards the unclamped D0(Easy).
func (m Model) NextDifficulty(d float64, g Grade) float64 {
	delta := -m.w[6] * float64(g-3)
	next := d + round8(float64(delta*(10-d))/9)
	reverted := round8(float64(m.w[7]*m.InitDifficulty(Easy)) + float64((1-m.w[7])*next))
	return clamp(reverted, 1, 10)
}

// RecallStability is S_r, the stability after a successful review (Hard,
// Good or Easy) t days after the previous one, at retrievability r
// (spec/fsrs.md §2.5).
func (m Model) RecallStability(d, s, r float64, g Grade) float64 {
	hard, easy := 1.0, 1.0
	switch g {
	case Hard:
		hard = m.w[15]
	case Easy:
		easy = m.w[16]
	}
	inc := math.Exp(m.w[8]) * (11 - d) * math.Pow(s, -m.w[9]) * (math.Exp((1-r)*m.w[10]) - 1) * hard * easy
	return round8(clamp(float64(s*(1+float64(inc))), MinStability, MaxStability))
}

// ForgetStability is S_f, the post-lapse stability before it is capped by
// the previous stability (spec/fsrs.md §2.5).
func (m Model) ForgetStability(d, s, r float64) float64 {
	sf := m.w[11] * math.Pow(d, -m.w[12]) * (math.Pow(s+1, m.w[13]) - 1) * math.Exp((1-r)*m.w[14])
	return round8(clamp(sf, MinStability, MaxStability))
}

// ShortTermStability is the stability after a review on the same day as the
// previous one (spec/fsrs.md §2.6); Hard, Good and Easy never lower it.
func (m Model) ShortTermStability(s float64, g Grade) float64 {
	inc := math.Pow(s, -m.w[19]) * math.Exp(m.w[17]*(float64(g-3)+m.w[18]))
	if g >= Hard {
		inc = math.Max(inc, 1)
	}
	return round8(clamp(float64(s*inc), MinStability, MaxStability))
}

// NextState returns the memory state after a review with grade g, t whole
// days after the previous review (spec/fsrs.md §2.3–§2.6). The zero state is
// a new card and gets the initial values; any other state must have
// Difficulty ≥ 1 and Stability ≥ MinStability, and t must not be negative.
func (m Model) NextState(mem MemoryState, t int, g Grade) MemoryState {
	if mem == (MemoryState{}) {
		return MemoryState{Stability: m.InitStability(g), Difficulty: clamp(m.InitDifficulty(g), 1, 10)}
	}
	return m.nextState(mem, t, g, m.Retrievability(float64(t), mem.Stability))
}

// nextState is NextState for a reviewed card at the retrievability r.
func (m Model) nextState(mem MemoryState, t int, g Grade, r float64) MemoryState {
	d, s := mem.Difficulty, mem.Stability
	var next float64
	switch {
	case t == 0 && m.shortTerm:
		next = m.ShortTermStability(s, g)
	case g == Again:
		w17, w18 := 0.0, 0.0
		if m.shortTerm {
			w17, w18 = m.w[17], m.w[18]
		}
		floor := round8(s / math.Exp(w17*w18))
		next = clamp(floor, MinStability, m.ForgetStability(d, s, r))
	default:
		next = m.RecallStability(d, s, r, g)
	}
	return MemoryState{Stability: next, Difficulty: m.NextDifficulty(d, g)}
}
