package sm2osr

// Response is the answer given to a card.
type Response int

// The four answers. Again exists since plugin v1.13.9.
const (
	Again Response = iota + 1
	Hard
	Good
	Easy
)

// String returns the plugin's name of the response ("Again", "Hard", "Good",
// "Easy").
func (r Response) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	default:
		return "Response(invalid)"
	}
}
