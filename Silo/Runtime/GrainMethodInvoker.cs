using System.Linq.Expressions;
using System.Reflection;

namespace Coverage.Silo.Runtime;

/// <summary>A compiled bridge from a grain interface method to a call on the grain's activation, whose result the caller awaits.</summary>
internal abstract class GrainMethodInvoker
{
    public abstract object Call(GrainActivation activation, object?[] arguments);

    public static GrainMethodInvoker For(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var resultType = returnType == typeof(Task) ? typeof(object)
            : returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0]
            : throw new NotSupportedException($"{method.DeclaringType?.Name}.{method.Name} returns {returnType.Name}; grain methods return Task or Task<T>.");
        var invoker = typeof(TypedInvoker<>).MakeGenericType(resultType);
        return (GrainMethodInvoker)Activator.CreateInstance(invoker, method)!;
    }

    private sealed class TypedInvoker<T>(MethodInfo method) : GrainMethodInvoker
    {
        private readonly Func<object, object?[], Task<T>> _invoke = Compile(method);
        private readonly string _name = method.Name;

        public override object Call(GrainActivation activation, object?[] arguments) => activation.Call(_invoke, arguments, _name);

        private static Func<object, object?[], Task<T>> Compile(MethodInfo method)
        {
            var grain = Expression.Parameter(typeof(object), "grain");
            var args = Expression.Parameter(typeof(object?[]), "args");
            var parameters = method.GetParameters()
                .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
            Expression body = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
            if (method.ReturnType == typeof(Task))
                body = Expression.Call(typeof(TypedInvoker<T>).GetMethod(nameof(AsResult), BindingFlags.NonPublic | BindingFlags.Static)!, body);
            return Expression.Lambda<Func<object, object?[], Task<T>>>(body, grain, args).Compile();
        }

        private static Task<T> AsResult(Task task) => task.IsCompletedSuccessfully
            ? Task.FromResult(default(T)!)
            : AwaitAsync(task);

        private static async Task<T> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return default!;
        }
    }
}
