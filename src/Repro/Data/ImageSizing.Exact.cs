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
            ReadOnlySpan<float> scale = ImageTensorFiller.UnitScale;
            Span<float> red = destination[..plane], green = destination.Slice(plane, plane), blue = destination.Slice(2 * plane, plane);
            for (int p = 0; p < plane; p++)
            {
                red[p] = scale[rgb[3 * p]];
                green[p] = scale[rgb[3 * p + 1]];
                blue[p] = scale[rgb[3 * p + 2]];
            }
        }

        public override string ToString() => $"exactly {ImageWidth}x{ImageHeight} (width x height)";
    }
}
