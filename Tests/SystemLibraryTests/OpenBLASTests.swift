import COpenBLAS
import Foundation
import Testing
import TestSupport

/// Proof that the COpenBLAS shim links and that the Fortran calling convention in its
/// prototypes is right: LAPACK and CBLAS called directly, on inputs with known answers.
@Suite("OpenBLAS through COpenBLAS")
struct OpenBLASTests {
    /// The second-difference matrix tridiag(-1, 2, -1) of order 3 has eigenvalues
    /// 2 - 2cos(kπ/4), k = 1, 2, 3: 2 - √2, 2, 2 + √2.
    @Test func dsyevdOnTheSecondDifferenceMatrix() throws {
        var a: [Double] = [2, -1, 0, -1, 2, -1, 0, -1, 2]  // symmetric: same in either layout
        let original = a
        var n: Int32 = 3
        var eigenvalues = [Double](repeating: 0, count: 3)
        var lwork: Int32 = 1 + 6 * 3 + 2 * 9  // documented minimum for jobz = "V"
        var liwork: Int32 = 3 + 5 * 3
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        var info: Int32 = -99
        dsyevd_("V", "U", &n, &a, &n, &eigenvalues, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        #expect(info == 0)
        let root2 = 2.0.squareRoot()
        let c = compare(eigenvalues, [2 - root2, 2, 2 + root2], atol: 1e-14, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
        // Column k of the column-major output is the eigenvector of eigenvalues[k]:
        // check A·v = λ·v by hand.
        for k in 0..<3 {
            let v = Array(a[(3 * k)..<(3 * k + 3)])
            let av = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + original[3 * i + $1] * v[$1] } }
            let check = compare(av, v.map { eigenvalues[k] * $0 }, atol: 1e-14, rtol: 0)
            #expect(check.isWithinTolerance, "eigenpair \(k): \(check)")
        }
    }

    @Test func cblasDgemmRowMajor() throws {
        let a: [Double] = [1, 2, 3, 4, 5, 6]  // [2x3] row-major
        let b: [Double] = [7, 8, 9, 10, 11, 12]  // [3x2] row-major
        var c = [Double](repeating: -1, count: 4)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, &c, 2)
        #expect(c == [58, 64, 139, 154])
        // Aᵀ·Aᵀ-free check of the transpose flag: Bᵀ·Aᵀ = (A·B)ᵀ.
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, 2, 2, 3, 1, b, 2, a, 3, 0, &c, 2)
        #expect(c == [58, 139, 64, 154])
    }

    @Test func dpotrfReportsTheFailingLeadingMinor() throws {
        var a: [Double] = [1, 2, 2, 1]  // leading minors 1 and -3
        var n: Int32 = 2
        var info: Int32 = 0
        dpotrf_("U", &n, &a, &n, &info, 1)
        #expect(info == 2)
    }
}
