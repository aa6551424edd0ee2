module github.com/recall-srs/recall

go 1.26.8

require (
	github.com/alecthomas/kong v1.17.0
	golang.org/x/term v0.48.0
)

require golang.org/x/sys v0.50.0 // indirect
