using Repro.Harness.Artifacts;

namespace Repro.Unit.Harness.Artifacts;

public partial class ArtifactStoreTests
{
    sealed record Recipe(string Text, string Kind = "model") : IRecipe
    {
        public string Canonical() => Text;
    }

    DirectoryInfo root = null!;

    [SetUp] public void Create() => root = Directory.CreateTempSubdirectory("artifacts-");
    [TearDown] public void Delete() => root.Delete(recursive: true);

    [Test]
    public void Key_SameRecipe_SameKey_DifferentRecipe_DifferentKey()
    {
        ArtifactKey.For(new Recipe("a=1")).Should().Be(ArtifactKey.For(new Recipe("a=1")));
        ArtifactKey.For(new Recipe("a=1")).Should().NotBe(ArtifactKey.For(new Recipe("a=2")));
        ArtifactKey.For(new Recipe("a=1")).ToString().Should().MatchRegex("^model-[0-9a-f]{16}$");
    }

    [Test]
    public void Parse_RoundTripsAndRejectsGarbage()
    {
        var key = ArtifactKey.For(new Recipe("x"));
        ArtifactKey.Parse(key.ToString()).Should().Be(key);
        var act = () => ArtifactKey.Parse("model-xyz");
        act.Should().Throw<FormatException>().WithMessage("*model-xyz*16 hex*");
    }

    [Test]
    public void GetOrBuild_SecondCall_ReusesWithoutBuilding()
    {
        var store = new ArtifactStore(root.FullName);
        int builds = 0;
        void Build(string dir) { builds++; File.WriteAllText(Path.Combine(dir, "value.txt"), "42"); }

        var first = store.GetOrBuild(new Recipe("r"), Build);
        var second = store.GetOrBuild(new Recipe("r"), Build);

        builds.Should().Be(1);
        second.Should().Be(first);
        File.ReadAllText(Path.Combine(second, "value.txt")).Should().Be("42");
        store.Manifest(ArtifactKey.For(new Recipe("r")))!.Recipe.Should().Be("r");
    }

    [Test]
    public void GetOrBuild_BuildThrows_LeavesNothingVisible()
    {
        var store = new ArtifactStore(root.FullName);
        var recipe = new Recipe("failing");

        var act = () => store.GetOrBuild(recipe, dir => { File.WriteAllText(Path.Combine(dir, "half.bin"), "x"); throw new IOException("disk full"); });

        act.Should().Throw<IOException>();
        store.Exists(ArtifactKey.For(recipe)).Should().BeFalse();
        Directory.GetDirectories(Path.Combine(root.FullName, "model")).Should().BeEmpty("the temporary folder must be removed");
    }

    [Test]
    public void GetOrBuild_AnotherBuilderPublishedFirst_KeepsTheFirstArtifactAndDiscardsItsOwn()
    {
        // Two builders can meet when a lock file was swept between one's open and its lock (ArtifactStore.GetOrBuild).
        var store = new ArtifactStore(root.FullName);
        var recipe = new Recipe("raced");
        var other = new ArtifactStore(root.FullName);
        var otherFolder = other.DirectoryOf(ArtifactKey.For(recipe));

        var folder = store.GetOrBuild(recipe, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "v"), "second");
            // The other builder publishes while this one is still building: simulate its rename into place.
            var staged = other.GetOrBuild(new Recipe("staging"), d => File.WriteAllText(Path.Combine(d, "v"), "first"));
            var manifest = File.ReadAllText(Path.Combine(staged, ArtifactStore.ManifestFile)).Replace(ArtifactKey.For(new Recipe("staging")).ToString(), ArtifactKey.For(recipe).ToString());
            Directory.Move(staged, otherFolder);
            File.WriteAllText(Path.Combine(otherFolder, ArtifactStore.ManifestFile), manifest);
        });

        File.ReadAllText(Path.Combine(folder, "v")).Should().Be("first", "a published artifact is never replaced under its readers");
        Directory.GetDirectories(Path.Combine(root.FullName, "model")).Select(Path.GetFileName).Should().NotContain(n => n!.StartsWith(".tmp-"));
        Directory.GetFiles(Path.Combine(root.FullName, "model"), "*.lock").Should().BeEmpty("the holder deletes the lock file before releasing it");
    }

    [Test]
    public void Lock_HeldByOneCaller_MakesAnotherWait()
    {
        var store = new ArtifactStore(root.FullName);
        var key = ArtifactKey.For(new Recipe("shared run"));
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = store.Lock(key);
        var second = Task.Run(() => { using (store.Lock(key)) order.Enqueue("second"); });
        Thread.Sleep(700);
        order.Enqueue("first released");
        first.Dispose();
        second.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();

        order.Should().Equal("first released", "second");
    }

    [Test]
    public void GetOrBuild_ConcurrentCallers_BuildOnce()
    {
        var store = new ArtifactStore(root.FullName);
        int builds = 0;
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.GetOrBuild(new Recipe("shared"), dir =>
        {
            Interlocked.Increment(ref builds);
            Thread.Sleep(200);
            File.WriteAllText(Path.Combine(dir, "v"), "1");
        }))).ToArray();
        Task.WaitAll(tasks);

        builds.Should().Be(1);
        tasks.Select(t => t.Result).Distinct().Should().ContainSingle();
    }

    [Test]
    public void Manifest_Corrupt_ThrowsNamingTheFolderToDelete()
    {
        var store = new ArtifactStore(root.FullName);
        var recipe = new Recipe("c");
        var dir = store.GetOrBuild(recipe, _ => { });
        File.WriteAllText(Path.Combine(dir, ArtifactStore.ManifestFile), "{not json");

        var act = () => store.Manifest(ArtifactKey.For(recipe));
        act.Should().Throw<CorruptArtifactException>().WithMessage($"*corrupt*{dir}*");
    }
}
