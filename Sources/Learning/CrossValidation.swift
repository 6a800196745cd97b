/// One train/test split of sample indices (0-based, ascending in both lists).
public struct Fold: Hashable, Sendable {
    public let trainIndices: [Int]
    public let testIndices: [Int]
}

/// Cross-validation splitters with scikit-learn 1.9's rules, `shuffle=False`: the same test
/// indices in the same fold order, so fold-by-fold scores agree exactly.
public enum CrossValidation {
    /// `KFold(n_splits=foldCount)`: consecutive blocks; the first `sampleCount % foldCount`
    /// folds have one sample more than the others.
    /// - Throws: ``LearningError`` when `foldCount < 2` or `foldCount > sampleCount`.
    public static func kFold(sampleCount: Int, foldCount: Int) throws(LearningError) -> [Fold] {
        try checkFoldCount(foldCount, available: sampleCount, what: "samples", context: "k-fold split")
        var folds: [Fold] = []
        var start = 0
        for index in 0..<foldCount {
            let size = sampleCount / foldCount + (index < sampleCount % foldCount ? 1 : 0)
            folds.append(fold(testIndices: Array(start..<(start + size)), sampleCount: sampleCount))
            start += size
        }
        return folds
    }

    /// `GroupKFold(n_splits=foldCount)`: no group is split between folds. Groups are taken by
    /// decreasing size, each put in the fold with the fewest samples so far (the first such
    /// fold on a tie). Groups of equal size are taken in *decreasing* label order (scikit-learn
    /// reverses a stable ascending sort of the sizes), which decides the folds when sizes tie.
    /// Labels are sorted as `np.unique` sorts them (`<`).
    /// - Parameter groups: one label per sample.
    /// - Throws: ``LearningError`` when `foldCount < 2` or exceeds the number of groups.
    public static func groupKFold<Label: Hashable & Comparable>(
        groups: [Label], foldCount: Int
    ) throws(LearningError) -> [Fold] {
        let labels = Array(Set(groups)).sorted()
        try checkFoldCount(foldCount, available: labels.count, what: "distinct groups", context: "group k-fold split")
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let groupOfSample = groups.map { labelIndex[$0] ?? 0 }
        var sizes = [Int](repeating: 0, count: labels.count)
        for group in groupOfSample { sizes[group] += 1 }
        // Stable ascending sort by size, then reversed: larger first, equal sizes by descending label.
        let order = Array(labels.indices.sorted { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }.reversed())
        var samplesPerFold = [Int](repeating: 0, count: foldCount)
        var foldOfGroup = [Int](repeating: 0, count: labels.count)
        for group in order {
            let lightest = samplesPerFold.indices.min { samplesPerFold[$0] < samplesPerFold[$1] } ?? 0
            samplesPerFold[lightest] += sizes[group]
            foldOfGroup[group] = lightest
        }
        return folds(assigning: groupOfSample.map { foldOfGroup[$0] }, foldCount: foldCount)
    }

    /// `StratifiedKFold(n_splits=foldCount)`: each fold gets about the same share of every
    /// class. Classes are numbered by first appearance in `labels`; the sorted class codes are
    /// dealt round-robin to the folds to fix how many of each class each fold gets, and then
    /// the samples of each class, in data order, fill fold 0's quota first, then fold 1's, ...
    /// - Throws: ``LearningError`` when `foldCount < 2`, `foldCount > sampleCount`, or every
    ///   class has fewer than `foldCount` members (scikit-learn only warns when some do).
    public static func stratifiedKFold<Label: Hashable>(
        labels: [Label], foldCount: Int
    ) throws(LearningError) -> [Fold] {
        let context = "stratified k-fold split"
        try checkFoldCount(foldCount, available: labels.count, what: "samples", context: context)
        var codeOfLabel: [Label: Int] = [:]
        let codes = labels.map { label in
            if let code = codeOfLabel[label] { return code }
            codeOfLabel[label] = codeOfLabel.count
            return codeOfLabel.count - 1
        }
        let classCount = codeOfLabel.count
        var members = [Int](repeating: 0, count: classCount)
        for code in codes { members[code] += 1 }
        let largest = members.max() ?? 0
        guard foldCount <= largest else {
            throw .tooManyFolds(context: context, foldCount: foldCount, available: largest,
                                what: "members in the largest class")
        }
        // allocation[f][k]: class k's samples in fold f, from dealing sorted codes round-robin.
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: foldCount)
        for (position, code) in codes.sorted().enumerated() {
            allocation[position % foldCount][code] += 1
        }
        var foldOfSample = [Int](repeating: 0, count: labels.count)
        for code in 0..<classCount {
            var quotas = (0..<foldCount).flatMap { fold in [Int](repeating: fold, count: allocation[fold][code]) }
                .makeIterator()
            for sample in labels.indices where codes[sample] == code {
                foldOfSample[sample] = quotas.next() ?? 0
            }
        }
        return folds(assigning: foldOfSample, foldCount: foldCount)
    }

    private static func fold(testIndices: [Int], sampleCount: Int) -> Fold {
        let test = Set(testIndices)
        return Fold(trainIndices: (0..<sampleCount).filter { !test.contains($0) }, testIndices: testIndices)
    }

    /// Folds from a fold number per sample.
    private static func folds(assigning foldOfSample: [Int], foldCount: Int) -> [Fold] {
        (0..<foldCount).map { fold in
            Fold(trainIndices: foldOfSample.indices.filter { foldOfSample[$0] != fold },
                 testIndices: foldOfSample.indices.filter { foldOfSample[$0] == fold })
        }
    }

    private static func checkFoldCount(_ foldCount: Int, available: Int, what: String, context: String) throws(LearningError) {
        guard foldCount >= 2 else {
            throw .invalidParameter(context: context, name: "n_splits", value: "\(foldCount)",
                                    reason: "cross-validation needs at least 2 folds")
        }
        guard foldCount <= available else {
            throw .tooManyFolds(context: context, foldCount: foldCount, available: available, what: what)
        }
    }
}
