using System.Security.Cryptography;

namespace GoodwillFlow.Local.Hosting;

/// <summary>
/// Secrets the local runtime generates once and keeps in the data folder (readable by the owner only), so reply links
/// in emails already sent keep working after a restart. In Azure the same values come from Key Vault.
/// </summary>
internal static class LocalSecrets
{
    /// <summary>Returns the secret stored in <paramref name="fileName"/>, creating it from <paramref name="bytes"/> random bytes the first time.</summary>
    public static string GetOrCreate(string dataPath, string fileName, int bytes, Func<byte[], string> encode)
    {
        var directory = Path.Combine(dataPath, "secrets");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = encode(RandomNumberGenerator.GetBytes(bytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(value);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
            return File.ReadAllText(path).Trim();
        }

        return value;
    }
}
