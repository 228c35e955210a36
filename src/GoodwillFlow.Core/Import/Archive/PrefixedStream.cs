namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// A stream that cannot seek, with the bytes already read from its start (to recognise a ZIP) put back in front.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream
{
    private int _prefixRead;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixRead < prefix.Length)
        {
            var take = Math.Min(buffer.Length, prefix.Length - _prefixRead);
            prefix.AsSpan(_prefixRead, take).CopyTo(buffer);
            _prefixRead += take;
            return take;
        }

        return rest.Read(buffer);
    }
}
