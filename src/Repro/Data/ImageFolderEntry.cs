namespace Repro.Data;

/// <summary>One image file of an ImageFolder layout, before decoding.</summary>
/// <param name="ClassName">Its class folder.</param>
/// <param name="RelativePath">Its path below the class folder ('/'-separated): the within-class sort key.</param>
/// <param name="DisplayPath">The file path, or "archive.zip!entry", that errors print.</param>
/// <param name="ReadBytes">Reads its encoded bytes.</param>
internal sealed record ImageFolderEntry(string ClassName, string RelativePath, string DisplayPath, Func<byte[]> ReadBytes);
