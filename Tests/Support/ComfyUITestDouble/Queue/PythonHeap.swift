/// Python's `heapq` on an array, step for step, so `/queue`'s `queue_pending` comes out in the same
/// (unsorted) order as the real server's.
struct PythonHeap {
    private(set) var items: [QueueItem] = []

    var count: Int { items.count }

    mutating func push(_ item: QueueItem) {
        items.append(item)
        siftDown(start: 0, position: items.count - 1)
    }

    mutating func pop() -> QueueItem? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let first = items[0]
        items[0] = last
        siftUp(0)
        return first
    }

    /// `del heap[index]; heapify(heap)`, as `delete_queue_item` does.
    mutating func remove(at index: Int) {
        items.remove(at: index)
        for position in stride(from: items.count / 2 - 1, through: 0, by: -1) { siftUp(position) }
    }

    mutating func removeAll() { items.removeAll() }

    private mutating func siftDown(start: Int, position: Int) {
        var position = position
        let newItem = items[position]
        while position > start {
            let parent = (position - 1) >> 1
            guard newItem < items[parent] else { break }
            items[position] = items[parent]
            position = parent
        }
        items[position] = newItem
    }

    private mutating func siftUp(_ start: Int) {
        var position = start
        let newItem = items[position]
        var child = 2 * position + 1
        while child < items.count {
            let right = child + 1
            if right < items.count, !(items[child] < items[right]) { child = right }
            items[position] = items[child]
            position = child
            child = 2 * position + 1
        }
        items[position] = newItem
        siftDown(start: start, position: position)
    }
}
