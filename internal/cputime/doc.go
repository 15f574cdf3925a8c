// Package cputime reads the process's CPU time, which benchmarks report
// beside wall time: on a shared machine CPU time per run does not grow with
// other people's load.
package cputime
