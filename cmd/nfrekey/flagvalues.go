package main

import (
	"fmt"
	"strconv"
	"strings"
)

// jobsValue is -j: a count of files in parallel, said in words when
// wrong ("-j abc", "-j -3") rather than as strconv's syntax error.
type jobsValue int

func (j *jobsValue) String() string { return strconv.Itoa(int(*j)) }
func (j *jobsValue) Type() string   { return "N" }

func (j *jobsValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("%q is not a number: -j is how many files are processed in parallel, like -j 4", s)
	}
	if n < 1 {
		return fmt.Errorf("%d is not a count of files in parallel: give 1 or more (default: one per CPU)", n)
	}
	*j = jobsValue(n)
	return nil
}

// flagErrorWords rewrites the flag errors of pflag and the standard
// library whose words do not say what to type instead.
func flagErrorWords(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "time: missing unit in duration"); i >= 0 {
		// pflag: invalid argument "5" for "--timeout" flag: time: ...
		return fmt.Errorf("%sa duration needs a unit, like 5s or 2m", msg[:i])
	}
	if i := strings.Index(msg, "time: invalid duration"); i >= 0 {
		return fmt.Errorf("%snot a duration: give a number and a unit, like 5s or 2m", msg[:i])
	}
	return err
}
