// Debian's serial HDF5 (libhdf5-dev: headers in /usr/include/hdf5/serial, found through the
// pkg-config name hdf5-serial) and its high-level library for dimension scales.
#include <hdf5.h>
#include <hdf5_hl.h>

// The C macros below expand to H5open() plus a global id, which Swift cannot import.
static inline hid_t ch5_p_default(void) { return H5P_DEFAULT; }
static inline hid_t ch5_s_all(void) { return H5S_ALL; }
static inline hid_t ch5_e_default(void) { return H5E_DEFAULT; }
static inline unsigned ch5_f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned ch5_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned ch5_f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline hid_t ch5_p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t ch5_p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t ch5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t ch5_p_group_create(void) { return H5P_GROUP_CREATE; }
static inline hid_t ch5_t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t ch5_t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t ch5_t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t ch5_t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t ch5_t_c_s1(void) { return H5T_C_S1; }
static inline size_t ch5_t_variable(void) { return H5T_VARIABLE; }
