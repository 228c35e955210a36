using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace GoodwillFlow.Core.Connections;

/// <summary>
/// Computes exactly <see cref="ConnectionId.FromText(string)"/> for short text without its per-call cost, for the
/// importer's hot loop (30,000 rows).
/// </summary>
/// <remarks>
/// On Linux, <see cref="System.Security.Cryptography.SHA256.HashData(byte[])"/> goes through OpenSSL, whose per-call
/// setup costs several times the hashing of a 40-byte URL; measured, it alone took longer than CsvHelper reading
/// the whole file. This is plain FIPS 180-4 SHA-256, used only to derive ids (not for security), and the tests
/// check it against <see cref="ConnectionId.FromText(string)"/>.
/// </remarks>
internal static class FastConnectionId
{
    private const int MaxStackBytes = 512;

    /// <summary>Returns the same id as <see cref="ConnectionId.FromText(string)"/> for <paramref name="text"/>.</summary>
    public static string FromText(ReadOnlySpan<char> text)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > MaxStackBytes)
        {
            return ConnectionId.FromText(text.ToString());
        }

        Span<byte> utf8 = stackalloc byte[MaxStackBytes];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        return FromUtf8(utf8[..length]);
    }

    /// <summary>Returns the same id as <see cref="ConnectionId.FromText(string)"/> for the text whose UTF-8 is <paramref name="utf8"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string FromUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256(utf8, hash);
        return Convert.ToHexStringLower(hash[..(ConnectionId.Length / 2)]);
    }

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<uint> state = stackalloc uint[8];
        InitialState.CopyTo(state);
        var fullBlocks = data.Length / 64;
        for (var i = 0; i < fullBlocks; i++)
        {
            Compress(state, data.Slice(i * 64, 64));
        }

        // Padding: 0x80, zeros, then the message length in bits, filling one or two final blocks.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var remainder = data[(fullBlocks * 64)..];
        remainder.CopyTo(tail);
        tail[remainder.Length] = 0x80;
        var tailLength = remainder.Length + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        Compress(state, tail[..64]);
        if (tailLength == 128)
        {
            Compress(state, tail[64..]);
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], state[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        // Unsafe.Add instead of indexers: the bounds checks cost as much as the rounds themselves.
        Span<uint> schedule = stackalloc uint[64];
        ref var w = ref MemoryMarshal.GetReference(schedule);
        ref var k = ref MemoryMarshal.GetReference(RoundConstants);
        for (var i = 0; i < 16; i++)
        {
            Unsafe.Add(ref w, i) = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 64; i++)
        {
            var w15 = Unsafe.Add(ref w, i - 15);
            var w2 = Unsafe.Add(ref w, i - 2);
            var s0 = uint.RotateRight(w15, 7) ^ uint.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = uint.RotateRight(w2, 17) ^ uint.RotateRight(w2, 19) ^ (w2 >> 10);
            Unsafe.Add(ref w, i) = Unsafe.Add(ref w, i - 16) + s0 + Unsafe.Add(ref w, i - 7) + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i++)
        {
            var t1 = h + (uint.RotateRight(e, 6) ^ uint.RotateRight(e, 11) ^ uint.RotateRight(e, 25)) + ((e & f) ^ (~e & g))
                + Unsafe.Add(ref k, i) + Unsafe.Add(ref w, i);
            var t2 = (uint.RotateRight(a, 2) ^ uint.RotateRight(a, 13) ^ uint.RotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    private static ReadOnlySpan<uint> InitialState =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
}
