// MuJoCo reports fatal errors through mju_error, whose default handler prints and exits the process. This library
// installs its own handler once: it records the message and longjmps back to the innermost guarded call on the
// same thread, which then throws armrnn::Error. Warnings (instabilities, full constraint buffers) are recorded per
// thread and never printed.
#ifndef ARMRNN_MUJOCO_GUARD_H
#define ARMRNN_MUJOCO_GUARD_H

#include <string>

namespace armrnn::mujoco {

// Installs the error and warning handlers (once per process; thread-safe).
void install_handlers();

// Runs `function(context)`, which must only call MuJoCo's C API and create no C++ objects with destructors (a
// longjmp skips them). Throws armrnn::Error(status, what + ": " + MuJoCo's message) when MuJoCo raised an error.
void call(void (*function)(void*), void* context, int status, const char* what);

// The last warning MuJoCo raised on this thread ("" when none), and clears it.
std::string take_warning();

}  // namespace armrnn::mujoco

#endif  // ARMRNN_MUJOCO_GUARD_H
