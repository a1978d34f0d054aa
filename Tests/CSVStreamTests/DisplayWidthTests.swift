import CSVStream
import Testing

@Suite("DisplayWidth: terminal cells, not characters")
struct DisplayWidthTests {
  @Test("Latin, Cyrillic, blocks and box drawing take one cell; CJK two; marks none")
  func widths() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("Донецька") == 8)
    #expect(DisplayWidth.of("Запорізька") == 10)
    #expect(DisplayWidth.of("█▇▏│┼") == 5)
    #expect(DisplayWidth.of("中文") == 4)
    #expect(DisplayWidth.of("e\u{301}") == 1)
  }

  @Test("truncation and padding respect cells")
  func truncateAndPad() {
    #expect(DisplayWidth.truncate("Дніпропетровська", to: 8) == "Дніпроп…")
    #expect(DisplayWidth.of(DisplayWidth.truncate("中文中文中文", to: 5)) <= 5)
    #expect(DisplayWidth.pad("Київ", to: 6) == "Київ  ")
    #expect(DisplayWidth.pad("12", to: 4, alignRight: true) == "  12")
  }
}
