using Repro.Models;

namespace Repro.Harness.Planning;

/// <summary>
/// One kind of pass of one architecture over <paramref name="Images"/> images of <paramref name="Resolution"/> pixels square (e.g. 200 epochs of training on 50,000 images:
/// 10^7 images of <see cref="Pass.Train"/>). <paramref name="What"/> says what it is for people; an upper bound says so.
/// </summary>
public sealed record WorkTerm(ArchitectureSpec Architecture, int Resolution, Pass Pass, double Images, string What, bool UpperBound = false)
{
    /// <summary>The row of <see cref="EpochTimes"/> this term is priced by: the architecture and the image size.</summary>
    public string Network => EpochTimes.NetworkKey(Architecture, Resolution);
}
