#pragma once
// Test hooks for the fault tests (tests/faults/): stop a run at a named point as a power cut or
// `kill -9` would, or make it hold its output folder a while, so that a test can show that the
// output folder always holds a complete set.  Only the environment of a test sets them:
//   ECOZONE_KILL_AT=<point>    SIGKILL at that point
//   ECOZONE_PAUSE_AT=<point>   sleep 3 s at that point (a second run then meets the lock)
// Points: "step:N" (the N-th progress step of a command), "commit:manifest", "commit:carried",
// "commit:swapped" (inside OutputSet::commit).
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace ecozone::layers {

inline void fault_point(const std::string& point) {
    if (const char* at = std::getenv("ECOZONE_KILL_AT"); at && point == at) ::kill(::getpid(), SIGKILL);
    if (const char* at = std::getenv("ECOZONE_PAUSE_AT"); at && point == at) ::sleep(3);
}

}  // namespace ecozone::layers
