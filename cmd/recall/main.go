// Command recall reviews Obsidian Spaced Repetition flashcards in the terminal
// and ships a loopback OAuth 2.0 lab. This file is the composition root: it
// parses the command line and wires the domain packages together.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/alecthomas/kong"
)

// Exit codes of the recall binary.
const (
	exitOK    = 0 // success
	exitError = 1 // the command failed
	exitUsage = 2 // the command line was wrong
)

// cli is the whole command line of recall. Each subcommand lives in its own
// cmd_<verb>.go file.
type cli struct {
	Review  reviewCmd  `cmd:"" default:"withargs" help:"Review cards in the terminal (the default: recall --vault DIR)."`
	Lab     labCmd     `cmd:"" help:"Learn the OAuth 2.0 refresh flow step by step against a real lab on loopback."`
	Version versionCmd `cmd:"" help:"Print recall's version."`
	Scan    scanCmd    `cmd:"" help:"Scan a vault and report cards, decks and warnings."`
	Cards   cardsCmd   `cmd:"" help:"List every card of a vault."`
	Due     dueCmd     `cmd:"" help:"Show what is due, per deck."`
	Grade   gradeCmd   `cmd:"" help:"Grade one card and write its new schedule."`
	Undo    undoCmd    `cmd:"" help:"Take back the last grade (note and database)."`
	Log     logCmd     `cmd:"" help:"Work with the review log."`
	Serve   serveCmd   `cmd:"" help:"Run the OAuth 2.0 lab (authorization and resource server) on loopback."`

	Evaluate  evaluateCmd  `cmd:"" help:"Score FSRS-6, SM-2 and a constant baseline on a review log (log loss, RMSE(bins), AUC)."`
	Optimize  optimizeCmd  `cmd:"" help:"Fit the 21 FSRS-6 parameters to a review log."`
	Retention retentionCmd `cmd:"" help:"Simulate the workload of desired retentions 0.70–0.97 and suggest one."`
}

// env is what a command may take from the outside world. It is built once in
// main and passed down, so tests can run commands in-process.
type env struct {
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stdout is an interactive terminal.
	isTerminal bool
}

func main() {
	e := &env{
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		isTerminal: stdoutIsTerminal(),
	}
	os.Exit(run(os.Args[1:], e))
}

// exitRequest is panicked by kong's exit hook (for --help) so that run can
// return the code instead of terminating the process.
type exitRequest struct{ code int }

// run parses args, runs the chosen command and returns the process exit code.
func run(args []string, e *env) (code int) {
	var c cli
	parser, err := kong.New(&c,
		kong.Name("recall"),
		kong.Description("Review Obsidian flashcards in the terminal, and learn the OAuth 2.0 refresh-token flow hands-on."),
		kong.Writers(e.stdout, e.stderr),
		kong.Exit(func(code int) { panic(exitRequest{code}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.Bind(e),
	)
	if err != nil {
		fmt.Fprintf(e.stderr, "recall: internal error: %v\n", err)
		return exitError
	}
	defer func() {
		if r := recover(); r != nil {
			req, ok := r.(exitRequest)
			if !ok {
				panic(r)
			}
			code = req.code
		}
	}()
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(e.stderr, "recall: %v\n", err)
		var pe *kong.ParseError
		if errors.As(err, &pe) {
			fmt.Fprintln(e.stderr, "Run 'recall --help' for usage.")
			return exitUsage
		}
		return exitError
	}
	if err := ctx.Run(e); err != nil {
		fmt.Fprintf(e.stderr, "recall: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitError
	}
	return exitOK
}

// usageError marks an error caused by a wrong command line that kong could not
// detect itself (for example two flags that exclude each other).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }
