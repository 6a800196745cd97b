// OpenBLAS from Debian's libopenblas-dev (installed by scripts/setup.sh).
// CBLAS comes from <cblas.h>. libopenblas-dev ships no LAPACKE, so the Fortran LAPACK
// symbols that libopenblas exports are declared here (column-major, every argument by
// pointer, hidden string lengths omitted: all character arguments are length 1).
#ifndef MATGRADE_COPENBLAS_SHIM_H
#define MATGRADE_COPENBLAS_SHIM_H
#include <cblas.h>

void openblas_set_num_threads(int num_threads);

// Cholesky factorisation and solve (symmetric positive definite).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
// Symmetric eigendecomposition (divide and conquer).
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);
// Singular value decomposition (divide and conquer).
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *iwork, int *info);
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
// Triangular solve.
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b, const int *ldb,
             int *info);
#endif
