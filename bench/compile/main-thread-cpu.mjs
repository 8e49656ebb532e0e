// Preload (`node --import`) for bench/compile/ab.mjs: at exit, prints the CPU time of the process's main thread
// (user+sys of /proc/self/task/<pid>, Linux only) beside the whole process's. The main thread is a cold compile's
// critical path; the rest is the file-writing worker and V8's own threads (parallel scavenges, concurrent
// compilation), which share the machine's cores with it.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  let main;
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    main = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return; // no /proc: nothing to report
  }
  const all = process.cpuUsage();
  process.stderr.write(`tsdbt-bench main-thread-cpu ${main.toFixed(2)} all-cpu ${((all.user + all.system) / 1e6).toFixed(2)}\n`);
});
