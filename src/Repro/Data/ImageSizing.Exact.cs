namespace Repro.Data;

public abstract partial record ImageSizing
{
    /// <summary>Every image must already be <paramref name="ImageHeight"/> x <paramref name="ImageWidth"/>; anything else is an error.</summary>
    public sealed record Exact(int ImageHeight, int ImageWidth) : ImageSizing
    {
        public int ImageHeight { get; } = ImageHeight > 0 ? ImageHeight : throw new ArgumentOutOfRangeException(nameof(ImageHeight), ImageHeight, "must be positive");
        public int ImageWidth { get; } = ImageWidth > 0 ? ImageWidth : throw new ArgumentOutOfRangeException(nameof(ImageWidth), ImageWidth, "must be positive");
        public override int Height => ImageHeight;
        public override int Width => ImageWidth;

        internal override void Write(ReadOnlySpan<byte> rgb, int width, int height, string name, Span<float> destination)
        {
            if (width != Width || height != Height)
                throw new InvalidDataException($"'{name}' is {width}x{height} (width x height); expected exactly {Width}x{Height}");
            int plane = Width * Height;
            for (int p = 0; p < plane; p++)
            {
                destination[p] = ImageTensorFiller.UnitScale[rgb[3 * p]];
                destination[plane + p] = ImageTensorFiller.UnitScale[rgb[3 * p + 1]];
                destination[2 * plane + p] = ImageTensorFiller.UnitScale[rgb[3 * p + 2]];
            }
        }

        public override string ToString() => $"exactly {ImageHeight}x{ImageWidth}";
    }
}
