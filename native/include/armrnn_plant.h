/*
 * armrnn_plant.h: the flat C ABI of ArmRnn's native plants.
 *
 * One library (libarmrnn_plant.so) implements this ABI and dispatches each plant to an engine:
 *   "mujoco"  - MuJoCo 2.2 (MJCF models), built when libmujoco-dev is found;
 *   "opensim" - OpenSim 4.3 or newer (.osim models), built only when CMake is given -DOpenSim_DIR.
 *
 * Conventions
 * - Every function except armrnn_abi_version and armrnn_last_error returns an int32_t status: ARMRNN_OK (0) on
 *   success, otherwise one of the ARMRNN_ERROR_* codes; the message is then read with armrnn_last_error() on the
 *   same thread. No C++ exception crosses this boundary.
 * - Handles are opaque. A plant is used by one thread at a time; different plants may be used on different threads
 *   at the same time (the library keeps no shared mutable state apart from serialised model loading).
 * - Strings returned through out-parameters are UTF-8, owned by the plant and valid until armrnn_plant_close.
 * - Arrays are flat, row-major [batch, channel] or [batch, excitation] blocks of doubles; every array argument is
 *   followed by its length in elements, which the library checks.
 * - Units are SI (m, rad, s, N); excitations are in [0, 1] and held constant over each control step.
 */
#ifndef ARMRNN_PLANT_H
#define ARMRNN_PLANT_H

#include <stdint.h>

#if defined(_WIN32)
#  if defined(ARMRNN_PLANT_BUILDING)
#    define ARMRNN_API __declspec(dllexport)
#  else
#    define ARMRNN_API __declspec(dllimport)
#  endif
#else
#  define ARMRNN_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this ABI. It changes whenever a function, a parameter or a meaning below changes; callers check
 * armrnn_abi_version() against the version they were written for before anything else. */
#define ARMRNN_ABI_VERSION 1

/* Status codes. */
#define ARMRNN_OK 0
#define ARMRNN_ERROR_INVALID_ARGUMENT 1    /* a null pointer, a wrong array length, an out-of-range value */
#define ARMRNN_ERROR_MODEL 2               /* the model file is missing, unreadable or not supported */
#define ARMRNN_ERROR_ENGINE_UNAVAILABLE 3  /* the engine is unknown or this library was built without it */
#define ARMRNN_ERROR_INVALID_STATE 4       /* a call out of order (a step before any reset, or after a failed step) */
#define ARMRNN_ERROR_SIMULATION 5          /* the engine failed while simulating (instability, non-finite state) */
#define ARMRNN_ERROR_INTERNAL 6            /* anything else (out of memory, an engine bug) */

/* Channel flags (armrnn_plant_channel_flags). */
#define ARMRNN_CHANNEL_STATE 1        /* a state variable of the engine (integrated in time) */
#define ARMRNN_CHANNEL_RESET_INPUT 2  /* read by armrnn_plant_reset from the requested states */

typedef struct armrnn_plant armrnn_plant;

/* The ABI version this library implements (ARMRNN_ABI_VERSION when it was built). */
ARMRNN_API int32_t armrnn_abi_version(void);

/* The message of the last failed call on this thread ("" when there was none). Valid until the next call on this
 * thread. */
ARMRNN_API const char* armrnn_last_error(void);

/* Whether this library was built with the named engine ("mujoco", "opensim"): *available is 1 or 0. */
ARMRNN_API int32_t armrnn_engine_available(const char* engine, int32_t* available);

/* Opens a model with an engine.
 *   engine           "mujoco" or "opensim".
 *   model_path       the model file (MJCF .xml for MuJoCo, .osim for OpenSim).
 *   accuracy         relative accuracy of an error-controlled integrator (OpenSim); ignored by fixed-step engines.
 *   control_step     seconds each armrnn_plant_step advances; excitations are held over it.
 *   integration_step 0: the engine's own choice (MuJoCo: the model's timestep; OpenSim: no limit on the step);
 *                    > 0: MuJoCo's timestep, or OpenSim's largest integrator step (s). MuJoCo requires the control
 *                    step to be a whole multiple of its timestep.
 *   plant            receives the handle; close it with armrnn_plant_close. */
ARMRNN_API int32_t armrnn_plant_open(const char* engine, const char* model_path, double accuracy, double control_step,
                                     double integration_step, armrnn_plant** plant);

/* Releases a plant and everything it owns. A null plant is a no-op. */
ARMRNN_API int32_t armrnn_plant_close(armrnn_plant* plant);

/* The control step (s). */
ARMRNN_API int32_t armrnn_plant_control_step(const armrnn_plant* plant, double* control_step);

/* The excitations (actuators, muscles) in input order. */
ARMRNN_API int32_t armrnn_plant_excitation_count(const armrnn_plant* plant, int32_t* count);
ARMRNN_API int32_t armrnn_plant_excitation_name(const armrnn_plant* plant, int32_t index, const char** name);

/* The output channels in state-vector order: name, unit symbol ("rad", "m", "N", "1", ...), group (ArmRnn's
 * channel group, e.g. "joint_angle", "activation") and the model element it belongs to. */
ARMRNN_API int32_t armrnn_plant_channel_count(const armrnn_plant* plant, int32_t* count);
ARMRNN_API int32_t armrnn_plant_channel(const armrnn_plant* plant, int32_t index, const char** name, const char** unit,
                                        const char** group, const char** element);

/* A channel's ARMRNN_CHANNEL_* flags and, for reset inputs, the range initial values may be drawn from (the
 * coordinate's limits; NaN when unbounded). */
ARMRNN_API int32_t armrnn_plant_channel_flags(const armrnn_plant* plant, int32_t index, int32_t* flags,
                                              double* range_min, double* range_max);

/* The model's default state (one arm, channel_count values): its default pose at rest, consistent. */
ARMRNN_API int32_t armrnn_plant_default_state(const armrnn_plant* plant, double* state, int64_t length);

/* Starts a batch of arms at time 0. requested: [batch, channel] requested states, of which the reset-input channels
 * are read (the others are ignored and made consistent), or null for the default state. initial_states receives the
 * actual starting states, [batch, channel]. */
ARMRNN_API int32_t armrnn_plant_reset(armrnn_plant* plant, int32_t batch, const double* requested,
                                      int64_t requested_length, double* initial_states, int64_t initial_length);

/* Advances every arm by one control step with excitations [batch, excitation] held constant; states (may be null)
 * receives the states at the end of the step, [batch, channel]. After a failed step the plant must be reset. */
ARMRNN_API int32_t armrnn_plant_step(armrnn_plant* plant, const double* excitations, int64_t excitation_length,
                                     double* states, int64_t states_length);

/* The current states, [batch, channel]. */
ARMRNN_API int32_t armrnn_plant_read_states(const armrnn_plant* plant, double* states, int64_t length);

/* The batch size of the last reset (0 before the first) and the simulated time since it (s). */
ARMRNN_API int32_t armrnn_plant_batch_size(const armrnn_plant* plant, int32_t* batch);
ARMRNN_API int32_t armrnn_plant_time(const armrnn_plant* plant, double* time);

#ifdef __cplusplus
}
#endif

#endif /* ARMRNN_PLANT_H */
