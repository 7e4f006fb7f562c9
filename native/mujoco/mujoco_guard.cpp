#include "mujoco_guard.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <mujoco/mujoco.h>

#include "../src/engine.h"

namespace armrnn::mujoco {
namespace {

thread_local std::jmp_buf* t_jump = nullptr;
thread_local char t_error[1024];
thread_local char t_warning[1024];

extern "C" void on_error(const char* message) {
    std::snprintf(t_error, sizeof t_error, "%s", message == nullptr ? "(no message)" : message);
    if (t_jump != nullptr) {
        std::longjmp(*t_jump, 1);
    }
    // MuJoCo was called outside call(): returning would let MuJoCo continue in an undefined state.
    std::fprintf(stderr, "libarmrnn_plant: unguarded MuJoCo error: %s\n", t_error);
    std::abort();
}

extern "C" void on_warning(const char* message) {
    std::snprintf(t_warning, sizeof t_warning, "%s", message == nullptr ? "(no message)" : message);
}

// The setjmp frame: no object with a destructor lives here, so a longjmp into it is well defined.
int jump_guarded(void (*function)(void*), void* context) {
    std::jmp_buf jump;
    std::jmp_buf* const previous = t_jump;
    if (setjmp(jump) != 0) {
        t_jump = previous;
        return 1;
    }
    t_jump = &jump;
    function(context);
    t_jump = previous;
    return 0;
}

}  // namespace

void install_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        mju_user_error = on_error;
        mju_user_warning = on_warning;
    });
}

void call(void (*function)(void*), void* context, int status, const char* what) {
    install_handlers();
    t_error[0] = '\0';
    if (jump_guarded(function, context) != 0) {
        throw Error(status, std::string(what) + ": MuJoCo error: " + t_error);
    }
}

std::string take_warning() {
    std::string warning(t_warning);
    t_warning[0] = '\0';
    return warning;
}

}  // namespace armrnn::mujoco
