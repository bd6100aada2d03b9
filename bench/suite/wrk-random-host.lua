-- wrk: GET / with a Host header drawn uniformly at random from a file of hostnames (one a line),
-- the same draw as bench/k6/proxy.js. Usage: wrk ... -s wrk-random-host.lua URL -- HOSTS_FILE
local hosts = {}

function init(args)
  for line in io.lines(args[1]) do
    hosts[#hosts + 1] = line
  end
  math.randomseed(os.time())
end

function request()
  return wrk.format("GET", "/", { Host = hosts[math.random(#hosts)] })
end
