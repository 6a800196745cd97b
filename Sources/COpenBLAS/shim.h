// OpenBLAS from Debian's libopenblas-dev (installed by scripts/setup.sh).
// CBLAS comes from <cblas.h>. libopenblas-dev ships no LAPACKE, so the Fortran LAPACK
// symbols that libopenblas exports are declared here: column-major, every argument by
// pointer. Each character argument has a hidden length argument (size_t, by value) at the
// end of the list, as gfortran passes them; callers pass 1. Leaving them out usually works
// but is undefined: gfortran may reuse those stack slots for sibling calls.
#ifndef MATGRADE_COPENBLAS_SHIM_H
#define MATGRADE_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

void openblas_set_num_threads(int num_threads);

// Cholesky factorisation and solve (symmetric positive definite).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
// Symmetric eigendecomposition (divide and conquer).
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);
// Singular value decomposition (divide and conquer).
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *iwork, int *info, size_t jobz_len);
// Minimum-norm least squares via SVD.
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
             const int *ldb, double *s, const double *rcond, int *rank, double *work,
             const int *lwork, int *iwork, int *info);
// General LU factorisation and solve, and inverse from LU.
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetri_(const int *n, double *a, const int *lda, const int *ipiv, double *work,
             const int *lwork, int *info);
// Reciprocal condition number estimate from an LU factorisation (norm "1" or "I").
void dgecon_(const char *norm, const int *n, const double *a, const int *lda, const double *anorm,
             double *rcond, double *work, int *iwork, int *info, size_t norm_len);
// Triangular solve.
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b, const int *ldb,
             int *info, size_t uplo_len, size_t trans_len, size_t diag_len);
#endif
