package region

import (
	"testing"
	"time"
)

// TimeBlocks commits blocks, the first at first and the others a second apart, until done
// says the work is over, timing each block (FinalizeBlock and Commit) with the benchmark's
// timer running and done with it stopped. It returns the worst and total block times and
// how many blocks it took.
func (r *Region) TimeBlocks(b *testing.B, first time.Time, done func() bool) (worst, total time.Duration, blocks int) {
	for {
		began := time.Now()
		if blocks == 0 {
			r.At(first)
		} else {
			r.NextBlock(time.Second)
		}
		took := time.Since(began)
		worst, total, blocks = max(worst, took), total+took, blocks+1
		b.StopTimer()
		over := done()
		b.StartTimer()
		if over {
			return worst, total, blocks
		}
	}
}
