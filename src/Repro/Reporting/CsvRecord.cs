using System.Text;

namespace Repro.Reporting;

/// <summary>
/// Splits one CSV record (RFC 4180: comma separated, fields with commas or quotes are quoted, a quote
/// inside is doubled). Records never span lines in Repro's baselines, so a line is a record.
/// </summary>
internal static class CsvRecord
{
    /// <summary>The fields, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static List<string>? Split(string line, out string error)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = $"field {fields.Count + 1} opens a quote that is never closed";
                        return null;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                {
                    error = $"field {fields.Count + 1} has text after its closing quote";
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        error = $"field {fields.Count + 1} has a quote inside an unquoted field; quote the whole field and double the quote";
                        return null;
                    }
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length) break;
            i++; // the comma
        }
        error = "";
        return fields;
    }
}
