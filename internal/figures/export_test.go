package figures

// VideoRate is videoRate, for the benchmarks.
var VideoRate = videoRate
