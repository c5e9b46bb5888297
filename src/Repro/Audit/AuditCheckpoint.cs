using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Storage;

namespace Repro.Audit;

/// <summary>
/// Finished stages of an audit, one JSON file each, in a folder named by the hash of everything the numbers depend on
/// (models, data, settings): a killed audit run again with the same arguments reuses them and continues where it
/// stopped; any change starts a new folder. Files are written atomically, so a kill never leaves a half-written stage, and
/// each stage's SHA-256 is kept beside it (&lt;stage&gt;.sha256): a stage changed or damaged since it was written is discarded
/// with a note and measured again, never printed as the result.
/// </summary>
public sealed class AuditCheckpoint
{
    readonly string folder;
    readonly string root;
    readonly AuditCheckpoint? owner;

    public AuditCheckpoint(string root, string key) : this(root, key, null) { }

    AuditCheckpoint(string root, string key, AuditCheckpoint? owner)
    {
        this.root = root;
        this.owner = owner;
        Key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        folder = Path.Combine(root, Key);
        Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// A checkpoint in the same root under another key, for stages that depend on less than the whole audit (the no-prior
    /// attack depends on the server, the data and the settings, not the sibling): every audit that shares the key shares
    /// them. Its reuses count in this checkpoint's <see cref="Reused"/> too.
    /// </summary>
    public AuditCheckpoint Beside(string key) => new(root, key, this);

    public string Key { get; }
    public string Folder => folder;

    /// <summary>How many stages were reused from an earlier, interrupted run.</summary>
    public int Reused { get; private set; }

    /// <summary>Where a discarded stage is reported (the audit's progress); a checkpoint made by <see cref="Beside"/> uses its owner's.</summary>
    public Action<string>? Note { get; set; }

    void Report(string message) => (Note ?? owner?.Note)?.Invoke(message);

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public T Stage<T>(string name, Func<T> run)
    {
        var path = Path.Combine(folder, name + ".json");
        var checksumPath = Path.Combine(folder, name + ".sha256");
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path);
            string? recorded = File.Exists(checksumPath) ? File.ReadAllText(checksumPath).Trim() : null;
            if (recorded != Sha256(text))
                Report($"checkpoint '{path}' {(recorded is null ? "has no checksum beside it" : "changed since it was written (its SHA-256 differs)")}: discarded, measuring the stage again");
            else
            {
                try
                {
                    var stored = JsonSerializer.Deserialize<T>(text, Json);
                    if (stored is not null)
                    {
                        Reused++;
                        if (owner is not null) owner.Reused++;
                        return stored;
                    }
                }
                catch (JsonException)
                {
                    // A file that does not read (another version's layout) is measured again and replaced.
                }
            }
        }
        var value = run();
        var json = JsonSerializer.Serialize(value, Json);
        // The checksum first: a kill between the two leaves a stage whose checksum does not match, which is measured again.
        AtomicFile.WriteAllText(checksumPath, Sha256(json));
        AtomicFile.WriteAllText(path, json);
        return value;
    }
}
