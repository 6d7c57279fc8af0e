// Loaded into each child of the hostile corpus with --require: as the process exits it writes
// its own peak resident memory (getrusage maxrss, the same as /proc's VmHWM) and CPU time to
// file descriptor 3, so that a run too short for the harness's 10 ms polling is measured too.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const u = process.resourceUsage();
  try {
    writeSync(3, JSON.stringify({ peakBytes: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  } catch {
    // No descriptor 3 (run by hand): nothing to report to.
  }
});
