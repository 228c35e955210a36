using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

// Writes FunctionRpc.proto and everything it imports, exactly as compiled into the worker's gRPC assembly, as one
// FileDescriptorSet (dependencies first, as protoc's --descriptor_set_in expects). The generated reflection class is
// internal to the worker, so it is found by name; its Descriptor holds the serialized FileDescriptorProto.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: DescriptorExport <output.pb>");
    return 2;
}

const string ReflectionTypeName = "Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection";
var workerGrpc = Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");
var reflection = workerGrpc.GetType(ReflectionTypeName, throwOnError: false)
    ?? throw new InvalidOperationException($"{ReflectionTypeName} is not in {workerGrpc.FullName}: the worker package changed its generated code.");
var root = (FileDescriptor)reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

var set = new FileDescriptorSet();
var seen = new HashSet<string>(StringComparer.Ordinal);
Add(root);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
File.WriteAllBytes(args[0], set.ToByteArray());
Console.WriteLine($"DescriptorExport: {string.Join(", ", set.File.Select(f => f.Name))} from {workerGrpc.GetName().Name} {workerGrpc.GetName().Version}");
return 0;

void Add(FileDescriptor file)
{
    if (!seen.Add(file.Name))
    {
        return;
    }

    foreach (var dependency in file.Dependencies)
    {
        Add(dependency);
    }

    set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
}
