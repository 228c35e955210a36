using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Import;

/// <summary>
/// The connections an import kept, in file order, held as the export's UTF-8 text and where each field lies in it. A
/// <see cref="Connection"/> is made the first time it is asked for, and the same instance is returned after that.
/// </summary>
/// <remarks>
/// A preview (<c>goodwill import --json</c>, the dry-run summary) reads the fields as UTF-8 and never makes the
/// 200,000 strings of a 30,000-row export; every other reader sees an ordinary list of connections. The values are
/// exactly what the strings would hold: the field as exported, unquoted, trimmed of surrounding whitespace, and absent
/// when empty.
/// </remarks>
public sealed class ImportedConnections : IReadOnlyList<Connection>
{
    // The six text fields of every row, row after row (FieldCount a row, in the order of Field).
    private const int FieldCount = 6;

    private readonly byte[] _text;
    private readonly byte[] _decoded;
    private readonly Slice[] _fields;
    private readonly Row[] _rows;
    private readonly int _count;
    private Connection?[]? _made;

    private ImportedConnections(byte[] text, byte[] decoded, Slice[] fields, Row[] rows, int count)
    {
        _text = text;
        _decoded = decoded;
        _fields = fields;
        _rows = rows;
        _count = count;
    }

    /// <summary>The text fields of a connection, in the order of <see cref="Connection"/>'s parameters.</summary>
    public enum Field
    {
        /// <summary><see cref="Connection.FirstName"/>.</summary>
        FirstName,

        /// <summary><see cref="Connection.LastName"/>.</summary>
        LastName,

        /// <summary><see cref="Connection.Url"/>.</summary>
        Url,

        /// <summary><see cref="Connection.EmailAddress"/>.</summary>
        EmailAddress,

        /// <summary><see cref="Connection.Company"/>.</summary>
        Company,

        /// <summary><see cref="Connection.Position"/>.</summary>
        Position,
    }

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public Connection this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            var made = _made ?? Interlocked.CompareExchange(ref _made, new Connection?[_count], null) ?? _made;
            return made[index] ?? Interlocked.CompareExchange(ref made[index], Make(index), null) ?? made[index]!;
        }
    }

    /// <summary>
    /// The UTF-8 of <paramref name="field"/> of the connection at <paramref name="index"/>; false when the export has
    /// no value for it (the string property is then null, or empty for the names).
    /// </summary>
    public bool TryGetUtf8(int index, Field field, out ReadOnlySpan<byte> utf8)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        var slice = _fields[(index * FieldCount) + (int)field];
        utf8 = Bytes(slice);
        return slice.Length > 0;
    }

    /// <summary>The date the connection at <paramref name="index"/> was made (<see cref="Connection.ConnectedOn"/>).</summary>
    public DateOnly? ConnectedOn(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return _rows[index].ConnectedOn;
    }

    /// <inheritdoc/>
    public IEnumerator<Connection> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Connection Make(int index)
    {
        var fields = _fields.AsSpan(index * FieldCount, FieldCount);
        return new Connection(
            ConnectionId.ToId(_rows[index].IdHash),
            Text(fields[(int)Field.FirstName]) ?? string.Empty,
            Text(fields[(int)Field.LastName]) ?? string.Empty,
            Text(fields[(int)Field.Url]),
            Text(fields[(int)Field.EmailAddress]),
            Text(fields[(int)Field.Company]),
            Text(fields[(int)Field.Position]),
            _rows[index].ConnectedOn);
    }

    private string? Text(Slice slice) => slice.Length > 0 ? Encoding.UTF8.GetString(Bytes(slice)) : null;

    private ReadOnlySpan<byte> Bytes(Slice slice) =>
        slice.Length <= 0 ? default
        : slice.Start >= 0 ? _text.AsSpan(slice.Start, slice.Length)
        : _decoded.AsSpan(~slice.Start, slice.Length);

    /// <summary>Where a field's value lies: in the export's text, or (negative start, complemented) in the decoded text.</summary>
    private readonly record struct Slice(int Start, int Length);

    private readonly record struct Row(ulong IdHash, DateOnly? ConnectedOn);

    /// <summary>Collects the kept rows of one import; <see cref="Build"/> hands them over as the list.</summary>
    internal sealed class Builder
    {
        private readonly byte[] _text;
        private Slice[] _fields;
        private Row[] _rows;
        private int _count;
        private byte[] _decoded = [];
        private int _decodedLength;

        /// <summary>
        /// Starts a list whose fields mostly lie in <paramref name="text"/> (memory of its own, not pooled, which the
        /// list keeps), with room for <paramref name="capacity"/> rows.
        /// </summary>
        public Builder(ReadOnlyMemory<byte> text, int capacity)
        {
            // The fields are found in the whole array, wherever the text starts in it (after a byte order mark).
            _text = MemoryMarshal.TryGetArray(text, out var segment) ? segment.Array! : text.ToArray();
            _rows = new Row[Math.Max(capacity, 4)];
            _fields = new Slice[_rows.Length * FieldCount];
        }

        /// <summary>Gets the number of rows kept so far.</summary>
        public int Count => _count;

        /// <summary>
        /// Sets <paramref name="field"/> of the row being read to <paramref name="value"/>, a field as the CSV reader
        /// gives it: trimmed of surrounding whitespace here, and absent when nothing is left. Returns the value kept.
        /// </summary>
        public ReadOnlySpan<byte> Set(Field field, ReadOnlySpan<byte> value)
        {
            value = TrimWhiteSpace(value);
            _fields[(_count * FieldCount) + (int)field] = value.IsEmpty ? default : Locate(value);
            return value;
        }

        /// <summary>Keeps the row being read, with its id's hash and date, and starts the next.</summary>
        public void Keep(ulong idHash, DateOnly? connectedOn)
        {
            _rows[_count++] = new Row(idHash, connectedOn);
            if (_count == _rows.Length)
            {
                // Array.Copy rather than Array.Resize, whose instantiation for these structs has no ReadyToRun code.
                var rows = new Row[_rows.Length * 2];
                Array.Copy(_rows, rows, _count);
                _rows = rows;
                var fields = new Slice[rows.Length * FieldCount];
                Array.Copy(_fields, fields, _count * FieldCount);
                _fields = fields;
            }
        }

        /// <summary>Drops the row being read: its fields are cleared for the next.</summary>
        public void Skip() => Array.Clear(_fields, _count * FieldCount, FieldCount);

        /// <summary>The list of the rows kept.</summary>
        public ImportedConnections Build() => new(_text, _decoded, _fields, _rows, _count);

        /// <summary>
        /// Where <paramref name="value"/> lies in the export's text; a value the reader had to decode (doubled quotes)
        /// lies in a buffer of its own, so it is copied to the decoded text.
        /// </summary>
        private Slice Locate(ReadOnlySpan<byte> value)
        {
            if (_text.AsSpan().Overlaps(value, out var offset))
            {
                return new Slice(offset, value.Length);
            }

            if (_decoded.Length - _decodedLength < value.Length)
            {
                var decoded = new byte[Math.Max(_decoded.Length * 2, _decodedLength + Math.Max(value.Length, 1024))];
                _decoded.AsSpan(0, _decodedLength).CopyTo(decoded);
                _decoded = decoded;
            }

            value.CopyTo(_decoded.AsSpan(_decodedLength));
            var slice = new Slice(~_decodedLength, value.Length);
            _decodedLength += value.Length;
            return slice;
        }

        /// <summary>
        /// <paramref name="utf8"/> without the white space (as <see cref="string.Trim()"/> sees it) at either end.
        /// </summary>
        private static ReadOnlySpan<byte> TrimWhiteSpace(ReadOnlySpan<byte> utf8)
        {
            // Nearly every field starts and ends with a printable ASCII character and has nothing to trim.
            while (!utf8.IsEmpty && (utf8[0] <= (byte)' ' || utf8[0] >= 0x80)
                && Rune.DecodeFromUtf8(utf8, out var first, out var firstLength) == System.Buffers.OperationStatus.Done
                && Rune.IsWhiteSpace(first))
            {
                utf8 = utf8[firstLength..];
            }

            while (!utf8.IsEmpty && (utf8[^1] <= (byte)' ' || utf8[^1] >= 0x80)
                && Rune.DecodeLastFromUtf8(utf8, out var last, out var lastLength) == System.Buffers.OperationStatus.Done
                && Rune.IsWhiteSpace(last))
            {
                utf8 = utf8[..^lastLength];
            }

            return utf8;
        }
    }
}
