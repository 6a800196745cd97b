/// Maximum-cardinality matching in a bipartite graph by Hopcroft and Karp (SIAM J. Comput. 2
/// (1973) 225, doi:10.1137/0202019): O(E √V). Used to pair student rows with reference rows
/// when tolerances make several pairings possible, where a greedy pairing can miss a complete
/// one.
///
/// The depth-first searches are iterative, so long augmenting paths cannot overflow the stack.
enum BipartiteMatching {
    /// - Parameters:
    ///   - adjacency: for each left vertex, the right vertices it may be paired with.
    ///   - rightCount: the number of right vertices; every entry of `adjacency` is below it.
    /// - Returns: for each left vertex, its partner, or nil.
    static func maximumMatching(adjacency: [[Int]], rightCount: Int) -> [Int?] {
        let leftCount = adjacency.count
        var leftPartner = [Int](repeating: -1, count: leftCount)
        var rightPartner = [Int](repeating: -1, count: rightCount)
        // A greedy start: most rows match their first candidate, leaving little to augment.
        for left in 0..<leftCount {
            if let right = adjacency[left].first(where: { rightPartner[$0] < 0 }) {
                leftPartner[left] = right
                rightPartner[right] = left
            }
        }
        let unreached = Int.max
        var distance = [Int](repeating: unreached, count: leftCount)
        while true {
            // Breadth-first layering from the free left vertices.
            var queue: [Int] = []
            for left in 0..<leftCount {
                distance[left] = leftPartner[left] < 0 ? 0 : unreached
                if leftPartner[left] < 0 { queue.append(left) }
            }
            var foundFreeRight = false
            var head = 0
            while head < queue.count {
                let left = queue[head]
                head += 1
                for right in adjacency[left] {
                    let next = rightPartner[right]
                    if next < 0 {
                        foundFreeRight = true
                    } else if distance[next] == unreached {
                        distance[next] = distance[left] + 1
                        queue.append(next)
                    }
                }
            }
            guard foundFreeRight else { break }
            // Depth-first augmentation along the layers.
            var nextEdge = [Int](repeating: 0, count: leftCount)
            for start in 0..<leftCount where leftPartner[start] < 0 {
                var stack = [start]
                var via: [Int] = []  // via[i]: the right vertex leading from stack[i] to stack[i + 1]
                while let left = stack.last {
                    guard nextEdge[left] < adjacency[left].count else {
                        distance[left] = unreached
                        stack.removeLast()
                        if !via.isEmpty { via.removeLast() }
                        continue
                    }
                    let right = adjacency[left][nextEdge[left]]
                    nextEdge[left] += 1
                    let next = rightPartner[right]
                    if next < 0 {
                        // Augment: flip every edge on the path.
                        via.append(right)
                        for (level, vertex) in stack.enumerated() {
                            leftPartner[vertex] = via[level]
                            rightPartner[via[level]] = vertex
                        }
                        break
                    } else if distance[next] == distance[left] + 1 {
                        via.append(right)
                        stack.append(next)
                    }
                }
            }
        }
        return leftPartner.map { $0 < 0 ? nil : $0 }
    }
}
